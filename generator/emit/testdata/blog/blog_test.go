package api

// The scenarios of issue 10 on the backend of testdata/specs/blog.md:
// TestEmitCompiles copies this file into the generated internal/api and runs
// it with the generated tests, on SQLite and, with TEST_DATABASE_URL, on
// PostgreSQL.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"example.com/blog/internal/platform/platformtest"
)

// as sends body as subject holding roles.
func (s *server) as(method, path, subject string, roles []string, body any) *response {
	s.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		s.t.Fatal(err)
	}
	ct := "application/json"
	if body == nil {
		raw, ct = nil, ""
	}
	return s.request(method, path, "Bearer "+platformtest.Token(s.t, subject, roles...), ct, string(raw))
}

func idOf(t *testing.T, r *response) string {
	t.Helper()
	return fmt.Sprint(r.object(t)["id"])
}

// errorShape is an error body without its request id.
func errorShape(t *testing.T, r *response) string {
	t.Helper()
	m := r.object(t)
	delete(m, "request_id")
	return jsonOf(t, m)
}

func TestBlogPublicPosts(t *testing.T) {
	s := newServer(t, true)
	post := s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "hello"})
	expectStatus(t, post, http.StatusCreated)
	id := idOf(t, post)

	// Anyone reads posts, without a token; writing needs one.
	expectStatus(t, s.request(http.MethodGet, "/api/posts", "", "", ""), http.StatusOK)
	expectStatus(t, s.request(http.MethodGet, "/api/posts/"+id, "", "", ""), http.StatusOK)
	expectError(t, s.request(http.MethodPost, "/api/posts", "", "application/json", `{"title":"x"}`), http.StatusUnauthorized, "UNAUTHORIZED", "")
	expectError(t, s.request(http.MethodDelete, "/api/posts/"+id, "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")
	// Other routes stay closed without a token.
	expectError(t, s.request(http.MethodGet, "/api/comments", "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")
	expectError(t, s.request(http.MethodGet, "/api/tags", "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")
	expectError(t, s.request(http.MethodGet, "/api/nothing-here", "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")

	// bob reads alice's post but may not change it.
	if p := s.send(http.MethodGet, "/api/posts", bob, nil).page(t); p.Total != 1 {
		t.Errorf("bob sees %d posts, want 1", p.Total)
	}
	expectStatus(t, s.send(http.MethodGet, "/api/posts/"+id, bob, nil), http.StatusOK)
	expectError(t, s.send(http.MethodPut, "/api/posts/"+id, bob, map[string]any{"title": "mine"}), http.StatusNotFound, "POST_NOT_FOUND", "")
	expectError(t, s.send(http.MethodDelete, "/api/posts/"+id, bob, nil), http.StatusNotFound, "POST_NOT_FOUND", "")
	// The admin role may.
	expectStatus(t, s.as(http.MethodPatch, "/api/posts/"+id, "root", []string{platformtest.AdminRole}, map[string]any{"title": "edited"}), http.StatusOK)
}

func TestBlogServerManagedColumn(t *testing.T) {
	s := newServer(t, true)
	expectError(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "t", "view_count": -5}), http.StatusUnprocessableEntity, "READ_ONLY_FIELD", "view_count")
	post := s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "t"})
	expectStatus(t, post, http.StatusCreated)
	id := idOf(t, post)
	expectError(t, s.send(http.MethodPut, "/api/posts/"+id, alice, map[string]any{"title": "t", "view_count": 9}), http.StatusUnprocessableEntity, "READ_ONLY_FIELD", "view_count")
	expectError(t, s.send(http.MethodPatch, "/api/posts/"+id, alice, map[string]any{"view_count": 9}), http.StatusUnprocessableEntity, "READ_ONLY_FIELD", "view_count")
	r := s.send(http.MethodPut, "/api/posts/"+id, alice, map[string]any{"title": "u"})
	expectStatus(t, r, http.StatusOK)
	expectFields(t, r.object(t), map[string]any{"view_count": json.Number("0"), "title": "u"})
}

func TestBlogReferencesByVisibility(t *testing.T) {
	s := newServer(t, true)
	post := idOf(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "public"}))
	draft := idOf(t, s.send(http.MethodPost, "/api/drafts", alice, map[string]any{"body": "secret"}))
	bobsDraft := idOf(t, s.send(http.MethodPost, "/api/drafts", bob, map[string]any{"body": "bob's"}))

	// bob may comment on alice's public post.
	comment := s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": json.Number(post), "body": "nice"})
	expectStatus(t, comment, http.StatusCreated)

	// A reference to alice's private draft is refused like one to no draft.
	hidden := s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": json.Number(post), "draft_id": json.Number(draft), "body": "x"})
	expectError(t, hidden, http.StatusUnprocessableEntity, "VALIDATION_FAILED", "draft_id")
	missing := s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": json.Number(post), "draft_id": 999999, "body": "x"})
	expectError(t, missing, http.StatusUnprocessableEntity, "VALIDATION_FAILED", "draft_id")
	if a, b := errorShape(t, hidden), errorShape(t, missing); a != b {
		t.Errorf("invisible and missing draft differ:\n%s\n%s", a, b)
	}
	expectError(t, s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": 999999, "body": "x"}), http.StatusUnprocessableEntity, "VALIDATION_FAILED", "post_id")

	// PUT and PATCH check too; bob's own draft is fine.
	cid := idOf(t, comment)
	expectError(t, s.send(http.MethodPatch, "/api/comments/"+cid, bob, map[string]any{"draft_id": json.Number(draft)}), http.StatusUnprocessableEntity, "VALIDATION_FAILED", "draft_id")
	expectError(t, s.send(http.MethodPut, "/api/comments/"+cid, bob, map[string]any{"post_id": json.Number(post), "draft_id": json.Number(draft), "body": "x"}), http.StatusUnprocessableEntity, "VALIDATION_FAILED", "draft_id")
	expectStatus(t, s.send(http.MethodPatch, "/api/comments/"+cid, bob, map[string]any{"draft_id": json.Number(bobsDraft)}), http.StatusOK)
	// Another user's row is still a 404, whatever its body references.
	expectError(t, s.send(http.MethodPatch, "/api/comments/"+cid, alice, map[string]any{"draft_id": json.Number(draft)}), http.StatusNotFound, "COMMENT_NOT_FOUND", "")
	// A deleted post cannot be referenced.
	lone := idOf(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "gone soon"}))
	expectStatus(t, s.send(http.MethodDelete, "/api/posts/"+lone, alice, nil), http.StatusNoContent)
	expectError(t, s.send(http.MethodPost, "/api/comments", alice, map[string]any{"post_id": json.Number(lone), "body": "x"}), http.StatusUnprocessableEntity, "VALIDATION_FAILED", "post_id")
	// The admin may reference any row.
	expectStatus(t, s.as(http.MethodPost, "/api/comments", "root", []string{platformtest.AdminRole}, map[string]any{"post_id": json.Number(post), "draft_id": json.Number(draft), "body": "x"}), http.StatusCreated)
}

func TestBlogReferentialActions(t *testing.T) {
	s := newServer(t, true)
	post := idOf(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "p"}))
	draft := idOf(t, s.send(http.MethodPost, "/api/drafts", alice, map[string]any{"body": "d"}))
	comment := idOf(t, s.send(http.MethodPost, "/api/comments", alice, map[string]any{"post_id": json.Number(post), "draft_id": json.Number(draft), "body": "c"}))

	// ON DELETE RESTRICT: the post stays while a comment refers to it.
	r := s.send(http.MethodDelete, "/api/posts/"+post, alice, nil)
	expectError(t, r, http.StatusConflict, "POST_STILL_REFERENCED", "")
	if d := r.object(t)["detail"]; !strings.Contains(fmt.Sprint(d), "comments") {
		t.Errorf("detail %q does not name comments", d)
	}
	expectStatus(t, s.send(http.MethodGet, "/api/posts/"+post, alice, nil), http.StatusOK)

	// ON DELETE SET NULL: deleting the draft clears the comment's reference.
	expectStatus(t, s.send(http.MethodDelete, "/api/drafts/"+draft, alice, nil), http.StatusNoContent)
	got := s.send(http.MethodGet, "/api/comments/"+comment, alice, nil)
	expectStatus(t, got, http.StatusOK)
	expectFields(t, got.object(t), map[string]any{"draft_id": nil})

	// Once the comment is gone, the post may go.
	expectStatus(t, s.send(http.MethodDelete, "/api/comments/"+comment, alice, nil), http.StatusNoContent)
	expectStatus(t, s.send(http.MethodDelete, "/api/posts/"+post, alice, nil), http.StatusNoContent)
}

func TestBlogAdminAndRoles(t *testing.T) {
	s := newServer(t, true)
	draft := idOf(t, s.send(http.MethodPost, "/api/drafts", alice, map[string]any{"body": "d"}))
	expectError(t, s.send(http.MethodGet, "/api/drafts/"+draft, bob, nil), http.StatusNotFound, "DRAFT_NOT_FOUND", "")
	expectStatus(t, s.as(http.MethodGet, "/api/drafts/"+draft, "root", []string{platformtest.AdminRole}, nil), http.StatusOK)
	if p := s.as(http.MethodGet, "/api/drafts", "root", []string{platformtest.AdminRole}, nil).page(t); p.Total != 1 {
		t.Errorf("admin sees %d drafts, want 1", p.Total)
	}
	// Another role grants nothing here.
	expectError(t, s.as(http.MethodGet, "/api/drafts/"+draft, "carol", []string{"editor"}, nil), http.StatusNotFound, "DRAFT_NOT_FOUND", "")
}

func TestBlogNestedAndLinks(t *testing.T) {
	s := newServer(t, true)
	post := idOf(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "p"}))
	other := idOf(t, s.send(http.MethodPost, "/api/posts", alice, map[string]any{"title": "q"}))
	draft := idOf(t, s.send(http.MethodPost, "/api/drafts", alice, map[string]any{"body": "d"}))
	for _, body := range []string{"one", "two"} {
		expectStatus(t, s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": json.Number(post), "body": body}), http.StatusCreated)
	}
	expectStatus(t, s.send(http.MethodPost, "/api/comments", bob, map[string]any{"post_id": json.Number(other), "body": "elsewhere"}), http.StatusCreated)

	// Nested list: the envelope and query language of the flat list.
	p := s.send(http.MethodGet, "/api/posts/"+post+"/comments?sort=id&limit=1&q=ONE", bob, nil).page(t)
	if p.Total != 1 || len(p.Items) != 1 || p.Items[0]["body"] != "one" {
		t.Errorf("bob's comments of the post matching one: %+v", p)
	}
	p = s.send(http.MethodGet, "/api/posts/"+post+"/comments?limit=1", bob, nil).page(t)
	if p.Total != 2 || len(p.Items) != 1 {
		t.Errorf("bob's comments of the post: %+v", p)
	}
	if p := s.send(http.MethodGet, "/api/posts/"+post+"/comments", alice, nil).page(t); p.Total != 0 {
		t.Errorf("alice sees %d of bob's comments, want 0 (comments are owned)", p.Total)
	}
	expectError(t, s.send(http.MethodGet, "/api/posts/999999/comments", bob, nil), http.StatusNotFound, "POST_NOT_FOUND", "")
	expectError(t, s.send(http.MethodGet, "/api/drafts/"+draft+"/comments", bob, nil), http.StatusNotFound, "DRAFT_NOT_FOUND", "")
	expectError(t, s.request(http.MethodGet, "/api/posts/"+post+"/comments", "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")

	// Links: tags are shared, written by any signed-in user.
	tag := idOf(t, s.send(http.MethodPost, "/api/tags", bob, map[string]any{"name": "go"}))
	link := "/api/posts/" + post + "/tags/" + tag
	expectStatus(t, s.send(http.MethodPut, link, alice, nil), http.StatusNoContent)
	expectStatus(t, s.send(http.MethodPut, link, alice, nil), http.StatusNoContent) // idempotent
	if p := s.send(http.MethodGet, "/api/posts/"+post+"/tags", bob, nil).page(t); p.Total != 1 || fmt.Sprint(p.Items[0]["id"]) != tag {
		t.Errorf("tags of the post: %+v", p)
	}
	if p := s.send(http.MethodGet, "/api/tags/"+tag+"/posts", bob, nil).page(t); p.Total != 1 || fmt.Sprint(p.Items[0]["id"]) != post {
		t.Errorf("posts of the tag: %+v", p)
	}
	// bob may read alice's post but not change its links.
	expectError(t, s.send(http.MethodPut, "/api/posts/"+other+"/tags/"+tag, bob, nil), http.StatusNotFound, "POST_NOT_FOUND", "")
	expectError(t, s.send(http.MethodDelete, link, bob, nil), http.StatusNotFound, "POST_NOT_FOUND", "")
	// The mirror route needs write access to the tag, which bob has; the post
	// must be one he can read, which it is.
	expectStatus(t, s.send(http.MethodPut, "/api/tags/"+tag+"/posts/"+other, bob, nil), http.StatusNoContent)
	expectError(t, s.send(http.MethodPut, "/api/posts/"+post+"/tags/999999", alice, nil), http.StatusUnprocessableEntity, "VALIDATION_FAILED", "tag_id")
	expectError(t, s.send(http.MethodPut, "/api/posts/"+post+"/tags/abc", alice, nil), http.StatusNotFound, "TAG_NOT_FOUND", "")

	// Unlink: 204, then 404 when not linked.
	expectStatus(t, s.send(http.MethodDelete, link, alice, nil), http.StatusNoContent)
	expectError(t, s.send(http.MethodDelete, link, alice, nil), http.StatusNotFound, "POST_TAG_NOT_FOUND", "")
	if p := s.send(http.MethodGet, "/api/posts/"+post+"/tags", alice, nil).page(t); p.Total != 0 {
		t.Errorf("%d tags after unlink, want 0", p.Total)
	}
	// Anonymous readers see neither: tags are not public.
	expectError(t, s.request(http.MethodGet, "/api/posts/"+post+"/tags", "", "", ""), http.StatusUnauthorized, "UNAUTHORIZED", "")
}
