package readme

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crudgen/crudgen/internal/proctest"
)

// blocks returns the ```sh blocks of README.md that follow a
// "<!-- readme-test: NAME -->" line, by NAME.
func blocks(t *testing.T) (root string, byName map[string]string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- readme-test: (\\S+) -->\n```sh\n(.*?)```\n")
	byName = map[string]string{}
	for _, m := range re.FindAllSubmatch(data, -1) {
		byName[string(m[1])] = string(m[2])
	}
	for _, name := range []string{"tool", "install", "path", "postgres"} {
		if byName[name] == "" {
			t.Fatalf("README.md has no ```sh block after <!-- readme-test: %s -->", name)
		}
	}
	return root, byName
}

// shell runs script with bash -eu in dir, with CRUDGEN naming the clone.
func shell(t *testing.T, dir, script string, env ...string) {
	t.Helper()
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("README commands failed: %v\n%s\n--- output:\n%s", err, script, out.String())
	}
	t.Logf("%s\n--- output:\n%s", script, out.String())
}

// TestREADMEInstall runs the README's "Using crudgen in your project" steps
// in empty folders: as a tool dependency with a replace directive, and with
// go install from the clone. Each ends with go build ./... and go test ./...
// of the generated backend; no step is added that the README does not show.
func TestREADMEInstall(t *testing.T) {
	if os.Getenv("CRUDGEN_README_TESTS") == "" || testing.Short() {
		t.Skip("builds and tests two generated backends (about 40 s); set CRUDGEN_README_TESTS=1, as .ci/run does")
	}
	root, b := blocks(t)
	flags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -modcacherw")
	t.Run("tool", func(t *testing.T) {
		shell(t, t.TempDir(), b["tool"], "CRUDGEN="+root, "GOFLAGS="+flags)
	})
	t.Run("install", func(t *testing.T) {
		bin := t.TempDir()
		env := []string{"CRUDGEN=" + root, "GOFLAGS=" + flags, "GOBIN=" + bin, "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}
		shell(t, t.TempDir(), b["install"], env...)
		shell(t, t.TempDir(), b["path"], env...)
	})
}

// TestREADMEPostgres runs the README's PostgreSQL commands from the
// repository root when TEST_DATABASE_URL is set (PostgreSQL at
// 127.0.0.1:5432, user postgres), and checks that the server answers.
func TestREADMEPostgres(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("TEST_DATABASE_URL is not set")
	}
	if os.Getenv("CRUDGEN_README_TESTS") == "" || testing.Short() {
		t.Skip("starts the example server on localhost:8080; set CRUDGEN_README_TESTS=1, as .ci/run does")
	}
	root, b := blocks(t)
	// Without -e: the README says a second createdb failing is fine.
	startServer(t, root, b["postgres"])
}

// TestREADMEDev runs "Running the example": the -dev server from the
// repository root, then the README's curl commands with the token it prints.
func TestREADMEDev(t *testing.T) {
	if os.Getenv("CRUDGEN_README_TESTS") == "" || testing.Short() {
		t.Skip("starts the example server on localhost:8080; set CRUDGEN_README_TESTS=1, as .ci/run does")
	}
	root, b := blocks(t)
	for _, name := range []string{"dev", "curl", "list-query", "docs"} {
		if b[name] == "" {
			t.Fatalf("README.md has no ```sh block after <!-- readme-test: %s -->", name)
		}
	}
	for _, f := range []string{"todo.db", "todo.db-wal", "todo.db-shm"} {
		name := filepath.Join(root, f)
		if _, err := os.Stat(name); err == nil {
			t.Skipf("%s exists; the test would change it", name)
		}
		t.Cleanup(func() { os.Remove(name) })
	}
	out := startServer(t, root, b["dev"])
	tokenLine := regexp.MustCompile(`export TOKEN=(\S+)`)
	m := tokenLine.FindStringSubmatch(out())
	for i := 0; m == nil && i < 50; i++ { // printed as the server starts listening
		time.Sleep(100 * time.Millisecond)
		m = tokenLine.FindStringSubmatch(out())
	}
	if m == nil {
		t.Fatalf("-dev printed no export TOKEN= line:\n%s", out())
	}
	var stdout bytes.Buffer
	for _, name := range []string{"curl", "list-query", "docs"} {
		cmd := exec.Command("bash", "-euo", "pipefail", "-c", b[name])
		cmd.Dir = t.TempDir()
		cmd.Env = append(os.Environ(), "TOKEN="+m[1])
		cmd.Stdout, cmd.Stderr = &stdout, &stdout
		if err := cmd.Run(); err != nil {
			t.Fatalf("README %s commands: %v\n%s", name, err, stdout.String())
		}
	}
	got := stdout.String()
	for _, want := range []string{`"title":"Buy milk"`, `"completed":true`, "HTTP/1.1 204", `"code":"UNAUTHORIZED"`, `"items":[`,
		`"openapi": "3.1.0"`, `<redoc spec-url="/openapi.json">`} {
		if !strings.Contains(got, want) {
			t.Errorf("the README's curl commands printed no %s:\n%s", want, got)
		}
	}
}

// startServer runs script (which starts a server on localhost:8080) in the
// background in dir until the test ends, waits until GET /api/tasks without
// a token answers 401, and returns a function giving the output so far.
func startServer(t *testing.T, dir, script string) func() string {
	t.Helper()
	if resp, err := http.Get("http://localhost:8080/healthz"); err == nil {
		resp.Body.Close()
		t.Skip("something already listens on localhost:8080")
	}
	out := background(t, dir, script)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://localhost:8080/api/tasks", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("GET /api/tasks without a token: %s, want 401\n%s", resp.Status, out)
			}
			return out.String
		}
		select {
		case <-out.Exited():
			t.Fatalf("the server exited\n%s", out)
		case <-ctx.Done():
			t.Fatalf("the server did not answer within 60 s\n%s", out)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// TestREADMEEvents runs the README's events commands in the clone: a sidecar
// and the example with PUBSUB_NAME, then the scaffolded subscriber with its
// own sidecar; a task created with the -dev token must reach the subscriber.
// daprd comes from DAPRD (.ci/run builds it with e2e/dapr/build-daprd.sh)
// and Redis from 127.0.0.1:6379.
func TestREADMEEvents(t *testing.T) {
	if os.Getenv("CRUDGEN_README_TESTS") == "" || os.Getenv("DAPRD") == "" || testing.Short() {
		t.Skip("needs daprd and Redis, and starts servers on localhost:8080, 8081, 3500 and 3501; set CRUDGEN_README_TESTS=1 and DAPRD, as .ci/run does")
	}
	root, b := blocks(t)
	for _, name := range []string{"events-server", "events-subscriber"} {
		if b[name] == "" {
			t.Fatalf("README.md has no ```sh block after <!-- readme-test: %s -->", name)
		}
	}
	for _, f := range []string{"todo.db", "todo.db-wal", "todo.db-shm", "components"} {
		name := filepath.Join(root, f)
		if _, err := os.Stat(name); err == nil {
			t.Skipf("%s exists; the test would change it", name)
		}
		t.Cleanup(func() { os.RemoveAll(name) })
	}
	// The README calls daprd by name.
	bin := t.TempDir()
	if err := os.Symlink(os.Getenv("DAPRD"), filepath.Join(bin, "daprd")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	server := startServer(t, root, b["events-server"])
	tokenLine := regexp.MustCompile(`export TOKEN=(\S+)`)
	proctest.WaitUntil(t, "the -dev token", func() bool { return tokenLine.MatchString(server()) }, server)
	token := tokenLine.FindStringSubmatch(server())[1]
	proctest.WaitUntil(t, "the server's dispatcher", func() bool { return strings.Contains(server(), "publishing events through Dapr") }, server)

	subscriberLog := background(t, root, b["events-subscriber"])
	subscriber := subscriberLog.String
	proctest.WaitHTTP(t, "the subscriber's sidecar", "http://127.0.0.1:3501/v1.0/healthz", proctest.Status(http.StatusNoContent), subscriberLog)

	req, _ := http.NewRequest("POST", "http://localhost:8080/api/tasks", strings.NewReader(`{"title":"call the plumber"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /api/tasks: %s", resp.Status)
	}
	proctest.WaitUntil(t, "the subscriber's task event", func() bool {
		return strings.Contains(subscriber(), `"msg":"task event"`) && strings.Contains(subscriber(), `"type":"com.example.todo.task.created"`)
	}, func() string { return "server:\n" + server() + "\nsubscriber:\n" + subscriber() })
}

// background runs script with bash in dir until the test ends.
func background(t *testing.T, dir, script string) *proctest.Log {
	t.Helper()
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = dir
	out, _ := proctest.Start(t, "README commands", cmd)
	return out
}
