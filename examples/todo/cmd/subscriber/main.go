// Command subscriber receives the events of todo through Dapr pub/sub. It is a
// starting point for a service that reacts to them: each handler below logs the
// event; replace that with your own work. This file is yours: crudgen writes it
// once and never overwrites it.
//
// Run it beside a sidecar whose --app-port is its address:
//
//	PUBSUB_NAME=pubsub ADDR=127.0.0.1:8081 go run ./cmd/subscriber
//	daprd --app-id subscriber --app-port 8081 --resources-path ./components
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/crudgen/crudgen/examples/todo/internal/events"
	"github.com/crudgen/crudgen/examples/todo/internal/platform"
)

// handleTask handles the events of tasks; events.Handlers says what it returns.
func handleTask(ctx context.Context, e events.TaskEvent) error {
	slog.InfoContext(ctx, "task event", "id", e.ID, "type", e.Type, "subject", e.Subject, "kind", e.Kind)
	return nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	handlers := events.Handlers{Tasks: handleTask}
	os.Exit(platform.SubscriberMain(ctx, "todo", func(cfg platform.EventsConfig) []platform.Subscription {
		return events.Subscriptions(cfg, handlers)
	}))
}
