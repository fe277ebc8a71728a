// Command load measures the example backend (examples/todo) the way its
// users feel it: it starts the server on a fresh database in this process,
// seeds it through the API with rows owned by one user, then sends
// owner-scoped GET by id, list (limit 20 with the total) and POST requests
// from concurrent clients for a fixed time each, and prints req/s and
// latency percentiles per endpoint.
//
//	go run ./examples/todo/cmd/load                      # SQLite in a temporary folder
//	go run ./examples/todo/cmd/load -db 'postgres://postgres@127.0.0.1:5432/bench?sslmode=disable'
//	go run ./examples/todo/cmd/load -duration 8s -conns 16 -rows 10000
//	go run ./examples/todo/cmd/load -only POST -cpuprofile post.prof   # then go tool pprof post.prof
//
// The clients share the machine's cores with the server, so compare figures
// from one run, not across machines. Every request loop stops by itself
// after -duration; the server listens on 127.0.0.1 only.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/crudgen/crudgen/examples/todo/internal/api"
	"github.com/crudgen/crudgen/examples/todo/internal/platform"
	"github.com/crudgen/crudgen/examples/todo/migrations"
)

const secret = "loadbench-secret-0123456789abcdef0123456789"

func main() {
	db := flag.String("db", "", "DATABASE_URL of the server (default: an SQLite file in a temporary folder)")
	duration := flag.Duration("duration", 5*time.Second, "how long each endpoint is loaded")
	conns := flag.Int("conns", 16, "concurrent clients")
	rows := flag.Int("rows", 10000, "rows seeded for the one user")
	only := flag.String("only", "", "load only the endpoints whose name contains this (e.g. POST)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the loaded phase (server and clients) to this file")
	flag.Parse()
	if err := run(*db, *duration, *conns, *rows, *only, *cpuprofile); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(dbURL string, duration time.Duration, conns, rows int, only, cpuprofile string) error {
	if dbURL == "" {
		dir, err := os.MkdirTemp("", "todo-load")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbURL = "sqlite:" + filepath.Join(dir, "bench.db")
	}
	base, stop, err := start(dbURL)
	if err != nil {
		return err
	}
	defer stop()
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"sub": "user-1", "exp": time.Now().Add(time.Hour).Unix(),
	}).SignedString([]byte(secret))
	if err != nil {
		return err
	}
	c := &client{base: base, token: token, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conns}}}
	if err := c.seed(rows, conns); err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("%d rows of user-1 on %s; %d clients, %s per endpoint\n\n", rows, dbKind(dbURL), conns, duration)
	fmt.Println("| endpoint | req/s | p50 ms | p99 ms | errors |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, ep := range []struct {
		name string
		req  func(r *rand.Rand) (string, string, []byte)
	}{
		{"GET /api/tasks/{id}", func(r *rand.Rand) (string, string, []byte) {
			return http.MethodGet, fmt.Sprintf("/api/tasks/%d", 1+r.IntN(rows)), nil
		}},
		{"GET /api/tasks?limit=20", func(*rand.Rand) (string, string, []byte) {
			return http.MethodGet, "/api/tasks?limit=20&offset=0", nil
		}},
		{"POST /api/tasks", func(*rand.Rand) (string, string, []byte) {
			return http.MethodPost, "/api/tasks", []byte(`{"title":"benchmark task","description":"created by the load program","priority":"high"}`)
		}},
	} {
		if !strings.Contains(ep.name, only) {
			continue
		}
		res := c.load(ep.req, duration, conns)
		fmt.Printf("| %s | %.0f | %.2f | %.2f | %d |\n", ep.name, res.rps, ms(res.p50), ms(res.p99), res.errors)
	}
	return nil
}

// start runs the example server, as its main.go does, on 127.0.0.1 and a
// free port, and returns its base URL and a function that stops it.
func start(dbURL string) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := l.Addr().String()
	l.Close()
	env := map[string]string{"ADDR": addr, "DATABASE_URL": dbURL, "JWT_SECRET": secret, "LOG_LEVEL": "warn"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		for k, v := range env {
			os.Setenv(k, v)
		}
		done <- platform.Main(ctx, nil, platform.App{Name: "todo", Migrations: migrations.FS, Routes: api.Routes})
	}()
	stop := func() { cancel(); <-done }
	base := "http://" + addr
	for range 200 {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return base, stop, nil
		}
		select {
		case code := <-done:
			cancel()
			return "", nil, fmt.Errorf("the server stopped at start-up (exit %d)", code)
		case <-time.After(50 * time.Millisecond):
		}
	}
	stop()
	return "", nil, fmt.Errorf("the server did not answer on %s", addr)
}

type client struct {
	base, token string
	http        *http.Client
}

// do sends one request and reports whether it succeeded (2xx).
func (c *client) do(method, path string, body []byte) bool {
	req, err := http.NewRequest(method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode/100 == 2
}

// seed creates n tasks of user-1 through the API, with conns clients.
func (c *client) seed(n, conns int) error {
	var wg sync.WaitGroup
	next := make(chan int)
	failed := make(chan int, n)
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				body := fmt.Sprintf(`{"title":"Task number %d","description":"Description of task %d","completed":%t}`, i, i, i%3 == 0)
				if !c.do(http.MethodPost, "/api/tasks", []byte(body)) {
					failed <- i
				}
			}
		}()
	}
	for i := 1; i <= n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	if len(failed) > 0 {
		return fmt.Errorf("seeding: %d of %d POSTs failed", len(failed), n)
	}
	return nil
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
}

// load sends the requests req makes from conns clients for d and measures
// them.
func (c *client) load(req func(*rand.Rand) (string, string, []byte), d time.Duration, conns int) result {
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errors    int
		wg        sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(42, uint64(w)))
			var mine []time.Duration
			bad := 0
			for time.Now().Before(deadline) {
				method, path, body := req(r)
				t := time.Now()
				if !c.do(method, path, body) {
					bad++
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			errors += bad
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]
	}
	return result{rps: float64(len(latencies)) / elapsed.Seconds(), p50: pct(0.50), p99: pct(0.99), errors: errors}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func dbKind(url string) string {
	if len(url) >= 8 && url[:8] == "postgres" {
		return "PostgreSQL"
	}
	return "SQLite"
}
