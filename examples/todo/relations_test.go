package main_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/crudgen/crudgen/examples/todo/internal/platform/platformtest"
	"github.com/crudgen/crudgen/internal/proctest"
)

// TestTaskTags walks the links between tasks and tags of the running server:
// alice tags her task, and neither she nor bob can link across owners.
func TestTaskTags(t *testing.T) {
	t.Parallel()
	const secret = "e2e-shared-secret-that-is-long-enough"
	s := startServer(t, "DATABASE_URL="+platformtest.DatabaseURL(t), "BETTER_AUTH_SECRET="+secret)
	sign := hs256(secret)
	alice, bob := sign(t, "alice-"+proctest.RandomHex(t, 4)), sign(t, "bob-"+proctest.RandomHex(t, 4))

	create := func(token, path string, body map[string]any) string {
		t.Helper()
		r := s.do(t, "POST", path, token, body)
		expect(t, r, http.StatusCreated, "create "+path)
		return fmt.Sprint(r.json(t)["id"])
	}
	task := create(alice, "/api/tasks", map[string]any{"title": "Write the report"})
	tag := create(alice, "/api/tags", map[string]any{"name": "work"})
	bobsTask := create(bob, "/api/tasks", map[string]any{"title": "Bob's"})
	bobsTag := create(bob, "/api/tags", map[string]any{"name": "bob"})

	expect(t, s.do(t, "PUT", "/api/tasks/"+task+"/tags/"+tag, alice, nil), http.StatusNoContent, "alice links her tag to her task")
	expect(t, s.do(t, "PUT", "/api/tasks/"+task+"/tags/"+tag, alice, nil), http.StatusNoContent, "linking again")
	r := s.do(t, "GET", "/api/tasks/"+task+"/tags", alice, nil)
	expect(t, r, http.StatusOK, "alice lists the tags of her task")
	if body := r.json(t); body["total"] != 1.0 {
		t.Errorf("tags of alice's task: %s", r.Body)
	}

	// Across owners: 404 or 422, and nothing changes.
	expect(t, s.do(t, "PUT", "/api/tasks/"+task+"/tags/"+bobsTag, alice, nil), http.StatusUnprocessableEntity, "alice links bob's tag")
	expect(t, s.do(t, "PUT", "/api/tasks/"+bobsTask+"/tags/"+tag, alice, nil), http.StatusNotFound, "alice links her tag to bob's task")
	expect(t, s.do(t, "PUT", "/api/tasks/"+task+"/tags/"+bobsTag, bob, nil), http.StatusNotFound, "bob links his tag to alice's task")
	expect(t, s.do(t, "DELETE", "/api/tasks/"+task+"/tags/"+tag, bob, nil), http.StatusNotFound, "bob unlinks alice's tag")
	expect(t, s.do(t, "GET", "/api/tasks/"+task+"/tags", bob, nil), http.StatusNotFound, "bob lists the tags of alice's task")
	expect(t, s.do(t, "GET", "/api/tags/"+tag+"/tasks", bob, nil), http.StatusNotFound, "bob lists the tasks of alice's tag")
	if body := s.do(t, "GET", "/api/tasks/"+task+"/tags", alice, nil).json(t); body["total"] != 1.0 {
		t.Errorf("alice's task lost or gained tags: %v", body)
	}
	if body := s.do(t, "GET", "/api/tasks/"+bobsTask+"/tags", bob, nil).json(t); body["total"] != 0.0 {
		t.Errorf("bob's task gained tags: %v", body)
	}

	// The mirror, and unlinking.
	if body := s.do(t, "GET", "/api/tags/"+tag+"/tasks", alice, nil).json(t); body["total"] != 1.0 {
		t.Errorf("tasks of alice's tag: %v", body)
	}
	expect(t, s.do(t, "DELETE", "/api/tags/"+tag+"/tasks/"+task, alice, nil), http.StatusNoContent, "alice unlinks through the tag")
	expect(t, s.do(t, "DELETE", "/api/tasks/"+task+"/tags/"+tag, alice, nil), http.StatusNotFound, "unlinking what is not linked")
}
