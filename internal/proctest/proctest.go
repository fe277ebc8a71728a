// Package proctest runs the processes of crudgen's end-to-end tests: servers
// built from the example, a Better Auth server, Dapr sidecars, the README's
// commands. It is imported by tests only (e2e/..., internal/readme), and is
// not part of the pipeline.
package proctest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Log collects a process's output; it is safe for a process writing while a
// test reads.
type Log struct {
	mu     sync.Mutex
	b      bytes.Buffer
	exited chan struct{} // closed when the process has exited
}

// Exited is closed when the process has exited.
func (l *Log) Exited() <-chan struct{} { return l.exited }

func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns the output so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// stopGrace is how long a process gets to exit after SIGTERM.
const stopGrace = 10 * time.Second

// Start starts cmd in a process group of its own (so that the children of
// `go run` or a shell script stop with it) and returns its output and a
// function that stops it: SIGTERM to the group, SIGKILL after stopGrace.
// The process is stopped when the test ends, and its output shown when the
// test failed.
func Start(t testing.TB, name string, cmd *exec.Cmd) (*Log, func()) {
	t.Helper()
	log := &Log{exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	done := log.exited
	go func() { _ = cmd.Wait(); close(done) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			select {
			case <-done:
			case <-time.After(stopGrace):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-done
			}
		})
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("%s output:\n%s", name, log)
		}
	})
	return log, stop
}

// Build compiles the main package pkg into a temporary folder and returns
// the path of the binary, named like the package's folder.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), path.Base(pkg))
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

// StartServer starts bin, a server built from the example, with PATH, HOME,
// ADDR on a free port of 127.0.0.1 and env as its whole environment, and
// waits until its GET /healthz answers 200. It returns the server's base URL
// and, as [Start] does, its output and the function that stops it.
func StartServer(t testing.TB, bin string, env ...string) (string, *Log, func()) {
	t.Helper()
	port := FreePort(t)
	cmd := exec.Command(bin)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), fmt.Sprint("ADDR=127.0.0.1:", port),
	}, env...)
	log, stop := Start(t, filepath.Base(bin), cmd)
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	WaitHTTP(t, filepath.Base(bin), url+"/healthz", Status(http.StatusOK), log)
	return url, log, stop
}

// FreePort returns a TCP port on 127.0.0.1 that nothing listens on.
func FreePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// WaitHTTP waits up to a minute until GET url answers ok(status), and fails
// the test with log otherwise.
func WaitHTTP(t testing.TB, name, url string, ok func(status int) bool, log *Log) {
	t.Helper()
	WaitUntil(t, name+" answering "+url, func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		resp.Body.Close()
		return ok(resp.StatusCode)
	}, log.String)
}

// Status returns a WaitHTTP condition for one status code.
func Status(want int) func(int) bool { return func(got int) bool { return got == want } }

// WaitUntil polls cond for up to a minute; output explains a failure.
func WaitUntil(t testing.TB, what string, cond func() bool, output func() string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within a minute; output:\n%s", what, output())
		}
	}
}

// RandomHex returns n random bytes in hex, for names that must not clash
// between runs.
func RandomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// Do sends a request to base+path with a bearer token, and body as JSON
// when it is not "", and returns the status and the response body.
func Do(t testing.TB, base, token, method, path, body string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// Expect is Do that fails the test unless the status is want; it returns
// the response body.
func Expect(t testing.TB, base, token, method, path, body string, want int) []byte {
	t.Helper()
	got, b := Do(t, base, token, method, path, body)
	if got != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, got, b, want)
	}
	return b
}
