package main_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crudgen/crudgen/examples/todo/internal/platform/platformtest"
	"github.com/crudgen/crudgen/internal/proctest"
)

// TestConcurrentWrites runs 32 clients that create, patch and delete tasks as
// fast as the server lets them, each as its own user, and then checks that the
// database holds exactly what the server acknowledged: every acknowledged
// create and patch is there with its last acknowledged values, every
// acknowledged delete is gone, and nothing else exists. No request may fail
// with a 5xx or a transport error. The database is SQLite unless
// TEST_DATABASE_URL names a PostgreSQL server.
func TestConcurrentWrites(t *testing.T) {
	const clients = 32
	// By default each client sends a fixed number of requests, so the test
	// costs the same on every machine. CRUDGEN_LOAD_DURATION (for example
	// "4s", as .ci/run sets it) turns it into a timed load that runs until the
	// duration is over; the figures it logs are then requests per second.
	perClient, duration := 20, time.Minute
	if v := os.Getenv("CRUDGEN_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("CRUDGEN_LOAD_DURATION=%q: want a positive duration such as 4s", v)
		}
		perClient, duration = 0, d
	}
	const secret = "concurrency-test-secret-0123456789"
	dialect := "sqlite"
	if os.Getenv("TEST_DATABASE_URL") != "" {
		dialect = "postgres"
	}
	s := startServer(t, "DATABASE_URL="+platformtest.DatabaseURL(t), "JWT_SECRET="+secret, "LOG_LEVEL=error")
	sign := hs256(secret)
	httpClient := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients * 2},
	}

	type state struct {
		title     string
		completed bool
	}
	type client struct {
		token   string
		live    map[int]state
		deleted []int
	}
	var (
		requests, serverErrors, transportErrors, unexpected atomic.Int64
		wg                                                  sync.WaitGroup
		cs                                                  = make([]*client, clients)
	)
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	start := time.Now()
	for i := range cs {
		c := &client{token: sign(t, fmt.Sprintf("load-user-%d-%s", i, proctest.RandomHex(t, 3))), live: map[int]state{}}
		cs[i] = c
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 42))
			for n := 0; ctx.Err() == nil && (perClient == 0 || n < perClient); n++ {
				var (
					method, path string
					body         map[string]any
					id           int
				)
				ids := make([]int, 0, len(c.live))
				for id := range c.live {
					ids = append(ids, id)
				}
				sort.Ints(ids)
				switch p := rng.IntN(10); {
				case p < 5 || len(ids) == 0:
					method, path = "POST", "/api/tasks"
					body = map[string]any{"title": fmt.Sprintf("task %d of client %d", n, i)}
				case p < 8:
					id = ids[rng.IntN(len(ids))]
					method, path = "PATCH", fmt.Sprintf("/api/tasks/%d", id)
					body = map[string]any{"title": fmt.Sprintf("patched %d", n), "completed": n%2 == 0}
				default:
					id = ids[rng.IntN(len(ids))]
					method, path = "DELETE", fmt.Sprintf("/api/tasks/%d", id)
				}
				// The request itself is not tied to ctx: a write in flight when
				// time runs out must finish so that its outcome is known.
				r, err := s.call(context.Background(), httpClient, method, path, c.token, body)
				requests.Add(1)
				switch {
				case err != nil:
					transportErrors.Add(1)
					t.Errorf("%s %s: %v", method, path, err)
					return
				case r.Status >= 500:
					serverErrors.Add(1)
					t.Errorf("%s %s: %d %s", method, path, r.Status, r.Body)
					continue
				}
				switch {
				case method == "POST" && r.Status == http.StatusCreated:
					var got struct {
						ID int `json:"id"`
					}
					if err := json.Unmarshal(r.Body, &got); err != nil {
						t.Errorf("create response: %v", err)
						return
					}
					c.live[got.ID] = state{title: body["title"].(string)}
				case method == "PATCH" && r.Status == http.StatusOK:
					c.live[id] = state{title: body["title"].(string), completed: body["completed"].(bool)}
				case method == "DELETE" && r.Status == http.StatusNoContent:
					delete(c.live, id)
					c.deleted = append(c.deleted, id)
				default:
					unexpected.Add(1)
					t.Errorf("%s %s: unexpected %d %s", method, path, r.Status, r.Body)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	// Every client's view must be exactly what it was told.
	var checkedLive, checkedDeleted int
	for i, c := range cs {
		seen := map[int]bool{}
		for offset := 0; ; offset += 100 {
			r := s.do(t, "GET", fmt.Sprintf("/api/tasks?limit=100&offset=%d&sort=id", offset), c.token, nil)
			expect(t, r, http.StatusOK, "list after load")
			var page struct {
				Items []struct {
					ID        int    `json:"id"`
					Title     string `json:"title"`
					Completed bool   `json:"completed"`
				} `json:"items"`
				Total int `json:"total"`
			}
			if err := json.Unmarshal(r.Body, &page); err != nil {
				t.Fatal(err)
			}
			if page.Total != len(c.live) {
				t.Errorf("client %d: total %d, acknowledged live tasks %d", i, page.Total, len(c.live))
			}
			for _, it := range page.Items {
				want, ok := c.live[it.ID]
				switch {
				case !ok:
					t.Errorf("client %d: task %d exists but was never acknowledged (or was deleted)", i, it.ID)
				case want.title != it.Title || want.completed != it.Completed:
					t.Errorf("client %d: task %d is %q/%v, last acknowledged %q/%v", i, it.ID, it.Title, it.Completed, want.title, want.completed)
				}
				seen[it.ID] = true
				checkedLive++
			}
			if len(page.Items) < 100 {
				break
			}
		}
		for id := range c.live {
			if !seen[id] {
				t.Errorf("client %d: acknowledged task %d is missing", i, id)
			}
		}
		for _, id := range c.deleted {
			r := s.do(t, "GET", fmt.Sprintf("/api/tasks/%d", id), c.token, nil)
			expect(t, r, http.StatusNotFound, "get a deleted task")
			checkedDeleted++
		}
	}
	t.Logf("%s: %d clients for %v: %d requests (%.0f/s), %d 5xx, %d transport errors, %d unexpected statuses; checked %d live rows and %d deletions",
		dialect, clients, elapsed.Round(time.Millisecond), requests.Load(), float64(requests.Load())/elapsed.Seconds(),
		serverErrors.Load(), transportErrors.Load(), unexpected.Load(), checkedLive, checkedDeleted)
	if serverErrors.Load() != 0 || transportErrors.Load() != 0 {
		t.Fatalf("%d 5xx and %d transport errors under load", serverErrors.Load(), transportErrors.Load())
	}
}
