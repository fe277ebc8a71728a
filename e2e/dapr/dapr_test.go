// Package dapr_test runs the generated todo backend's events through a real
// Dapr sidecar: the server publishes its outbox through one daprd, a Redis
// pub/sub component carries the events, and the generated subscriber
// (examples/todo/cmd/subscriber) receives them through a second daprd. It
// is skipped unless CRUDGEN_DAPR_E2E=1 and DAPRD names a daprd binary;
// .ci/run builds daprd (e2e/dapr/build-daprd.sh) and sets both. It runs on
// SQLite, and on PostgreSQL when CRUDGEN_DAPR_DATABASE_URL is set; Redis is
// CRUDGEN_DAPR_REDIS (default 127.0.0.1:6379).
package dapr_test

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	_ "modernc.org/sqlite"

	"github.com/crudgen/crudgen/internal/pgtest"
	"github.com/crudgen/crudgen/internal/proctest"
)

// secret signs the test's HS256 tokens; the server is given the same.
const secret = "dapr-e2e-secret-of-at-least-32-bytes!!"

// faultChanges is how many changes are made while the sidecar is down.
const faultChanges = 500

func TestDaprEvents(t *testing.T) {
	if os.Getenv("CRUDGEN_DAPR_E2E") != "1" {
		t.Skip("set CRUDGEN_DAPR_E2E=1 and DAPRD=<daprd binary> (e2e/dapr/build-daprd.sh builds one) to run the events through a real Dapr sidecar")
	}
	daprd := os.Getenv("DAPRD")
	if daprd == "" {
		t.Fatal("DAPRD is not set: point it at a daprd binary (e2e/dapr/build-daprd.sh prints its path)")
	}
	redis := os.Getenv("CRUDGEN_DAPR_REDIS")
	if redis == "" {
		redis = "127.0.0.1:6379"
	}
	server := proctest.Build(t, "github.com/crudgen/crudgen/examples/todo")
	subscriber := proctest.Build(t, "github.com/crudgen/crudgen/examples/todo/cmd/subscriber")

	databases := map[string]string{"sqlite": ""}
	if u := os.Getenv("CRUDGEN_DAPR_DATABASE_URL"); u != "" {
		databases["postgres"] = u
	}
	for _, name := range []string{"sqlite", "postgres"} {
		base, ok := databases[name]
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			run := newRun(t, daprd, redis)
			dbURL := "sqlite:" + filepath.Join(t.TempDir(), "todo.db")
			if name == "postgres" {
				dbURL = pgtest.Schema(t, base, "dapr_e2e")
			}
			run.startSubscriber(t, subscriber)
			run.startServerSidecar(t)
			api := run.startServer(t, server, dbURL)
			testEventsArrive(t, run, api, dbURL)
			testSidecarOutage(t, run, api, func() todoServer {
				api.stop()
				return run.startServer(t, server, dbURL)
			})
		})
	}
}

// run is one test's processes: two sidecars, the subscriber, the server.
type run struct {
	daprd, redis, id, topic, components string
	serverSidecar                       sidecar
	subscriberLogs                      *proctest.Log
	serverLogs                          *proctest.Log
}

type sidecar struct {
	httpPort int
	stop     func()
}

func newRun(t *testing.T, daprd, redis string) *run {
	id := proctest.RandomHex(t, 4)
	r := &run{daprd: daprd, redis: redis, id: id, topic: "task-events-" + id, components: t.TempDir()}
	// concurrency 1: the subscriber's sidecar delivers one event at a time,
	// so the order the subscriber logs is the order of the stream.
	component := fmt.Sprintf(`apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: pubsub
spec:
  type: pubsub.redis
  version: v1
  metadata:
  - name: redisHost
    value: %s
  - name: concurrency
    value: "1"
  - name: processingTimeout
    value: 60s
`, redis)
	if err := os.WriteFile(filepath.Join(r.components, "pubsub.yaml"), []byte(component), 0o644); err != nil {
		t.Fatal(err)
	}
	return r
}

// startSidecar runs daprd for appID; appPort 0 is a sidecar without an app
// (the server only publishes through it).
func (r *run) startSidecar(t *testing.T, appID string, appPort, httpPort int) (*proctest.Log, func()) {
	t.Helper()
	args := []string{"--app-id", appID, "--dapr-http-port", fmt.Sprint(httpPort),
		"--dapr-grpc-port", fmt.Sprint(proctest.FreePort(t)), "--dapr-internal-grpc-port", fmt.Sprint(proctest.FreePort(t)),
		"--metrics-port", fmt.Sprint(proctest.FreePort(t)), "--resources-path", r.components, "--log-level", "warn"}
	if appPort != 0 {
		args = append(args, "--app-port", fmt.Sprint(appPort), "--app-protocol", "http")
	}
	logs, stop := proctest.Start(t, "daprd "+appID, exec.Command(r.daprd, args...))
	proctest.WaitHTTP(t, "daprd "+appID, fmt.Sprintf("http://127.0.0.1:%d/v1.0/healthz", httpPort), proctest.Status(204), logs)
	return logs, stop
}

func (r *run) startSubscriber(t *testing.T, bin string) {
	t.Helper()
	port := proctest.FreePort(t)
	cmd := exec.Command(bin)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), fmt.Sprint("ADDR=127.0.0.1:", port), "PUBSUB_NAME=pubsub", "EVENTS_TOPIC_TASK=" + r.topic}
	r.subscriberLogs, _ = proctest.Start(t, "subscriber", cmd)
	proctest.WaitHTTP(t, "subscriber", fmt.Sprintf("http://127.0.0.1:%d/healthz", port), proctest.Status(200), r.subscriberLogs)
	r.startSidecar(t, "reminders-"+r.id, port, proctest.FreePort(t))
}

func (r *run) startServerSidecar(t *testing.T) {
	t.Helper()
	if r.serverSidecar.httpPort == 0 {
		r.serverSidecar.httpPort = proctest.FreePort(t)
	}
	_, r.serverSidecar.stop = r.startSidecar(t, "todo-"+r.id, 0, r.serverSidecar.httpPort)
}

type todoServer struct {
	url  string
	stop func()
}

func (r *run) startServer(t *testing.T, bin, dbURL string) todoServer {
	t.Helper()
	url, logs, stop := proctest.StartServer(t, bin,
		"DATABASE_URL="+dbURL, "JWT_SECRET="+secret,
		"PUBSUB_NAME=pubsub", fmt.Sprintf("DAPR_HTTP_ENDPOINT=http://127.0.0.1:%d", r.serverSidecar.httpPort),
		"EVENTS_TOPIC_TASK="+r.topic, "EVENTS_POLL_INTERVAL=200ms",
	)
	r.serverLogs = logs
	s := todoServer{url: url, stop: stop}
	if !strings.Contains(r.serverLogs.String(), "publishing events through Dapr") {
		t.Fatalf("the server did not start its event dispatcher; output:\n%s", r.serverLogs)
	}
	return s
}

// change is one successful change of a task, and the event it must cause.
type change struct {
	subject, kind string
}

// received is an event as the generated subscriber logged it.
type received struct {
	ID, Type, Subject, Kind string
}

// receivedEvents parses the subscriber's log lines for its handler's
// "task event" lines, in the order it handled them.
func (r *run) receivedEvents(t *testing.T) []received {
	t.Helper()
	var out []received
	sc := bufio.NewScanner(strings.NewReader(r.subscriberLogs.String()))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			Msg string `json:"msg"`
			received
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "task event" {
			out = append(out, line.received)
		}
	}
	return out
}

// waitForEvents waits until the subscriber has handled n events.
func (r *run) waitForEvents(t *testing.T, n int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got := r.receivedEvents(t)
		if len(got) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the subscriber handled %d events within %v, want %d\nserver:\n%s\nsubscriber:\n%s", len(got), within, n, r.serverLogs, r.subscriberLogs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// checkEvents checks the received events against the changes: exactly one
// event per change (no id twice, none for a change that failed), and the
// events of each task in the order of its changes.
func checkEvents(t *testing.T, got []received, want []change) {
	t.Helper()
	ids := map[string]bool{}
	perSubject := map[string][]string{}
	for _, ev := range got {
		if ids[ev.ID] {
			t.Errorf("event %s delivered twice", ev.ID)
		}
		ids[ev.ID] = true
		if ev.Type != "com.example.todo.task."+ev.Kind {
			t.Errorf("event %s: type %q for kind %q", ev.ID, ev.Type, ev.Kind)
		}
		perSubject[ev.Subject] = append(perSubject[ev.Subject], ev.Kind)
	}
	wantPer := map[string][]string{}
	for _, c := range want {
		wantPer[c.subject] = append(wantPer[c.subject], c.kind)
	}
	if len(got) != len(want) {
		t.Errorf("%d events, want %d (one per committed change)", len(got), len(want))
	}
	for subject, kinds := range wantPer {
		if strings.Join(perSubject[subject], ",") != strings.Join(kinds, ",") {
			t.Errorf("task %s: events %v, want %v in that order", subject, perSubject[subject], kinds)
		}
	}
}

func testEventsArrive(t *testing.T, r *run, api todoServer, dbURL string) {
	alice, bob := token(t, "alice"), token(t, "bob")
	var want []change
	created := api.expect(t, alice, "POST", "/api/tasks", `{"title":"write the report","priority":"high"}`, 201)
	id := jsonID(t, created)
	want = append(want, change{id, "created"})
	api.expect(t, alice, "PATCH", "/api/tasks/"+id, `{"completed":true}`, 200)
	want = append(want, change{id, "updated"})
	// Changes that fail roll back and publish nothing.
	api.expect(t, bob, "PUT", "/api/tasks/"+id, `{"title":"taken over"}`, 404)
	api.expect(t, bob, "DELETE", "/api/tasks/"+id, "", 404)
	api.expect(t, alice, "PATCH", "/api/tasks/"+id, `{"priority":"urgent"}`, 422)
	api.expect(t, alice, "PUT", "/api/tasks/"+id, `{"title":"write the report","completed":true,"priority":"low"}`, 200)
	want = append(want, change{id, "updated"})
	api.expect(t, alice, "DELETE", "/api/tasks/"+id, "", 204)
	want = append(want, change{id, "deleted"})
	// Tags publish nothing: only tasks have events=on.
	api.expect(t, alice, "POST", "/api/tags", `{"name":"work"}`, 201)

	r.waitForEvents(t, len(want), 30*time.Second)
	time.Sleep(500 * time.Millisecond) // a stray extra event would arrive now
	checkEvents(t, r.receivedEvents(t), want)

	// The recorded data is the task as the API returned it.
	if strings.HasPrefix(dbURL, "sqlite:") {
		db, err := sql.Open("sqlite", strings.TrimPrefix(dbURL, "sqlite:")+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var data string
		var delivered sql.NullInt64
		if err := db.QueryRow("SELECT data, delivered_at FROM crudgen_outbox WHERE kind = 'created' ORDER BY id LIMIT 1").Scan(&data, &delivered); err != nil {
			t.Fatal(err)
		}
		if !jsonEqual(t, []byte(data), created) || !delivered.Valid {
			t.Errorf("outbox row: data %s (delivered %v), want the POST response %s", data, delivered.Valid, created)
		}
	}
}

// testSidecarOutage stops the server's sidecar, makes faultChanges changes
// (and failing ones between them), restarts the server (the events wait in
// its database), starts the sidecar again and checks that every committed
// change arrives exactly once, in order per task.
func testSidecarOutage(t *testing.T, r *run, api todoServer, restartServer func() todoServer) {
	before := len(r.receivedEvents(t))
	r.serverSidecar.stop()
	alice, bob := token(t, "alice"), token(t, "bob")
	var want []change
	const perTask = 5 // created, updated (PATCH), updated (PATCH), updated (PUT), deleted
	for i := 0; i < faultChanges/perTask; i++ {
		id := jsonID(t, api.expect(t, alice, "POST", "/api/tasks", fmt.Sprintf(`{"title":"task %d"}`, i), 201))
		want = append(want, change{id, "created"})
		api.expect(t, alice, "PATCH", "/api/tasks/"+id, `{"priority":"low"}`, 200)
		api.expect(t, bob, "PATCH", "/api/tasks/"+id, `{"priority":"high"}`, 404)
		api.expect(t, alice, "PATCH", "/api/tasks/"+id, `{"completed":true}`, 200)
		api.expect(t, alice, "PUT", "/api/tasks/"+id, fmt.Sprintf(`{"title":"task %d, done"}`, i), 200)
		want = append(want, change{id, "updated"}, change{id, "updated"}, change{id, "updated"})
		api.expect(t, alice, "DELETE", "/api/tasks/"+id, "", 204)
		want = append(want, change{id, "deleted"})
	}
	if n := len(r.receivedEvents(t)); n != before {
		t.Fatalf("%d events arrived while the sidecar was down", n-before)
	}
	if !strings.Contains(r.serverLogs.String(), "publishing failed; retrying") {
		t.Errorf("the server did not report the failed publishing")
	}
	restartServer()
	restarted := time.Now()
	r.startServerSidecar(t)
	r.waitForEvents(t, before+len(want), 2*time.Minute)
	t.Logf("%d changes made with the sidecar down; all delivered %.1f s after it came back", len(want), time.Since(restarted).Seconds())
	time.Sleep(500 * time.Millisecond) // a duplicate would arrive now
	checkEvents(t, r.receivedEvents(t)[before:], want)
}

// token signs an HS256 token for subject, as the server's JWT_SECRET accepts.
func token(t *testing.T, subject string) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": subject, "exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(),
	}).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s todoServer) expect(t *testing.T, token, method, path, body string, want int) []byte {
	t.Helper()
	return proctest.Expect(t, s.url, token, method, path, body, want)
}

func jsonID(t *testing.T, body []byte) string {
	t.Helper()
	var v struct {
		ID json.Number `json:"id"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.ID == "" {
		t.Fatalf("no id in %s", body)
	}
	return v.ID.String()
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}
