package ir

import (
	"slices"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

// EventKind is a kind of change an entity can publish (option events=…).
type EventKind string

// The event kinds, in the order they are listed everywhere.
const (
	EventCreated EventKind = "created"
	EventUpdated EventKind = "updated" // PUT and PATCH
	EventDeleted EventKind = "deleted"
)

// EventKinds lists every event kind.
var EventKinds = []EventKind{EventCreated, EventUpdated, EventDeleted}

// Publishes reports whether the entity publishes events of kind k.
func (e *Entity) Publishes(k EventKind) bool { return slices.Contains(e.Events, k) }

// HasEvents reports whether any entity of s publishes events: the schema
// then has the outbox table and the server its dispatcher.
func (s *Schema) HasEvents() bool {
	for _, e := range s.Entities {
		if len(e.Events) > 0 {
			return true
		}
	}
	return false
}

// checkEvents drops the events of an entity without routes: its rows change
// only outside the API, where no event could be recorded with the change.
func (r *resolver) checkEvents(d *draft) {
	if len(d.e.Events) == 0 || d.e.CRUD {
		return
	}
	r.warnf(d.eventsPos, "option events: `%s` has no routes (it is managed or crud=off), so no change of it goes through the server and none can be published; events are off for it (remove the option, or give it routes with crud=on)", d.e.Table)
	d.e.Events = nil
}

// OutboxTable is the table the generated server records events in; a spec
// whose entities publish events cannot have a table of that name.
const OutboxTable = "crudgen_outbox"

// checkOutboxName refuses a table named like the outbox when events are on.
func (r *resolver) checkOutboxName() {
	var events bool
	for _, d := range r.drafts {
		events = events || len(d.e.Events) > 0
	}
	for _, d := range r.drafts {
		if events && strings.EqualFold(d.e.Table, OutboxTable) {
			r.errorf(d.pos, "table `%s` has the name of the event outbox, which the events of this spec need; rename the table (`crudgen: table=...`)", d.e.Table)
		}
	}
}

// EventName is the entity's name in its events' topic and type: the Go
// name in snake_case, "task" for Task, "task_tag" for TaskTag.
func (e *Entity) EventName() string { return naming.Snake(e.Name) }

// EventTopic is the default topic of the entity's events, "task-events"
// (the server's EVENTS_TOPIC_<ENTITY> changes it; platform.EventsConfig.Topic
// computes the same default at run time).
func (e *Entity) EventTopic() string { return strings.ReplaceAll(e.EventName(), "_", "-") + "-events" }
