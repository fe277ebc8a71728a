package main_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/crudgen/crudgen/examples/todo/internal/platform/platformtest"
	"github.com/crudgen/crudgen/internal/proctest"
)

// signer mints tokens the way a frontend's auth library would.
type signer func(t *testing.T, subject string) string

// hs256 signs with a shared secret, as a frontend holding BETTER_AUTH_SECRET does.
func hs256(secret string) signer {
	return func(t *testing.T, subject string) string {
		t.Helper()
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
			"sub": subject,
			"iat": time.Now().Unix(),
			"exp": time.Now().Add(time.Hour).Unix(),
		})
		s, err := tok.SignedString([]byte(secret))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// jwksServer serves an Ed25519 key set the way Better Auth's JWT plugin does at
// /api/auth/jwks, and returns a signer using the private key, the JWKS URL and
// the issuer/audience it puts in its tokens.
func jwksServer(t *testing.T) (sign signer, jwksURL, issuer string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	const kid = "test-key-1"
	set := map[string]any{"keys": []map[string]any{{
		"kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "use": "sig", "kid": kid,
		"x": base64.RawURLEncoding.EncodeToString(pub),
	}}}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/auth/jwks" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(set)
	}))
	t.Cleanup(ts.Close)
	issuer = ts.URL
	sign = func(t *testing.T, subject string) string {
		t.Helper()
		tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, jwt.MapClaims{
			"sub": subject,
			"iss": issuer,
			"aud": issuer,
			"iat": time.Now().Unix(),
			"exp": time.Now().Add(15 * time.Minute).Unix(),
		})
		tok.Header["kid"] = kid
		s, err := tok.SignedString(priv)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	return sign, ts.URL + "/api/auth/jwks", issuer
}

func TestEndToEndHS256(t *testing.T) {
	t.Parallel()
	const secret = "e2e-shared-secret-that-is-long-enough"
	s := startServer(t, "DATABASE_URL="+platformtest.DatabaseURL(t), "BETTER_AUTH_SECRET="+secret)
	walkThrough(t, s, hs256(secret))
}

func TestEndToEndJWKS(t *testing.T) {
	t.Parallel()
	sign, jwksURL, issuer := jwksServer(t)
	s := startServer(t, "DATABASE_URL="+platformtest.DatabaseURL(t), "JWKS_URL="+jwksURL, "JWT_ISSUER="+issuer, "JWT_AUDIENCE="+issuer)
	walkThrough(t, s, sign)

	// A token signed with the shared-secret scheme must not pass a server that
	// only trusts the JWKS keys.
	r := s.do(t, "GET", "/api/tasks", hs256("anything")(t, "alice"), nil)
	expect(t, r, http.StatusUnauthorized, "HS256 token against a JWKS-only server")
}

// walkThrough is one user's day with the API while a second user watches and
// must see none of it.
func walkThrough(t *testing.T, s *server, sign signer) {
	alice, bob := sign(t, "alice-"+proctest.RandomHex(t, 4)), sign(t, "bob-"+proctest.RandomHex(t, 4))

	// No token, or a broken one: 401 with a JSON body and a challenge.
	for _, tok := range []string{"", "not-a-jwt", alice[:len(alice)-4] + "AAAA"} {
		r := s.do(t, "GET", "/api/tasks", tok, nil)
		expect(t, r, http.StatusUnauthorized, "list with token "+fmt.Sprintf("%.12q", tok))
		if !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 without WWW-Authenticate: Bearer (got %q)", r.Header.Get("WWW-Authenticate"))
		}
		if body := r.json(t); body["code"] != "UNAUTHORIZED" || body["request_id"] == "" {
			t.Errorf("401 body = %v, want code UNAUTHORIZED and a request_id", body)
		}
	}

	// Create three tasks.
	// task holds the fields the checks below read from a row; priority and
	// due_date are checked through r.json and the order of a list.
	type task struct {
		ID          float64 `json:"id"`
		Title       string  `json:"title"`
		Completed   bool    `json:"completed"`
		Description *string `json:"description"`
	}
	inputs := []map[string]any{
		{"title": "Write the report", "priority": "high", "due_date": "2026-12-01"},
		{"title": "Buy milk", "priority": "low", "due_date": "2026-11-28", "description": "Oat, 2 liters"},
		{"title": "Call the plumber", "due_date": "2026-12-05"},
	}
	var ids []int
	for _, in := range inputs {
		r := s.do(t, "POST", "/api/tasks", alice, in)
		expect(t, r, http.StatusCreated, "create task")
		var got task
		if err := json.Unmarshal(r.Body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Title != in["title"] || got.Completed {
			t.Errorf("created %+v from %v", got, in)
		}
		if want := fmt.Sprintf("/api/tasks/%d", int(got.ID)); r.Header.Get("Location") != want {
			t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
		}
		ids = append(ids, int(got.ID))
	}
	if r := s.do(t, "GET", fmt.Sprintf("/api/tasks/%d", ids[2]), alice, nil); r.json(t)["priority"] != "medium" {
		t.Errorf("priority default not applied: %s", r.Body)
	}

	type page struct {
		Items  []task `json:"items"`
		Total  int    `json:"total"`
		Limit  int    `json:"limit"`
		Offset int    `json:"offset"`
	}
	list := func(tok, query string) page {
		t.Helper()
		r := s.do(t, "GET", "/api/tasks"+query, tok, nil)
		expect(t, r, http.StatusOK, "list "+query)
		var p page
		if err := json.Unmarshal(r.Body, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	titles := func(p page) string {
		var ts []string
		for _, it := range p.Items {
			ts = append(ts, it.Title)
		}
		return strings.Join(ts, "|")
	}

	if p := list(alice, ""); p.Total != 3 || len(p.Items) != 3 || p.Limit != 20 || p.Offset != 0 {
		t.Errorf("list = total %d, %d items, limit %d, offset %d; want 3, 3, 20, 0", p.Total, len(p.Items), p.Limit, p.Offset)
	}
	// Filter, sort and page.
	if p := list(alice, "?priority=high"); titles(p) != "Write the report" {
		t.Errorf("priority=high gave %q", titles(p))
	}
	if p := list(alice, "?sort=due_date"); titles(p) != "Buy milk|Write the report|Call the plumber" {
		t.Errorf("sort=due_date gave %q", titles(p))
	}
	if p := list(alice, "?sort=-due_date&limit=2&offset=1"); titles(p) != "Write the report|Buy milk" || p.Total != 3 {
		t.Errorf("second page by -due_date gave %q (total %d)", titles(p), p.Total)
	}
	if p := list(alice, "?due_date[gte]=2026-12-01&sort=title"); titles(p) != "Call the plumber|Write the report" {
		t.Errorf("due_date[gte] gave %q", titles(p))
	}
	if p := list(alice, "?q=MILK"); titles(p) != "Buy milk" {
		t.Errorf("q=MILK gave %q", titles(p))
	}
	if r := s.do(t, "GET", "/api/tasks?sort=password", alice, nil); r.Status != http.StatusBadRequest || r.json(t)["code"] != "INVALID_QUERY" {
		t.Errorf("unknown sort field: %d %s", r.Status, r.Body)
	}

	// Bob sees nothing of Alice's and can touch nothing.
	if p := list(bob, ""); p.Total != 0 || len(p.Items) != 0 {
		t.Errorf("bob sees %d of alice's tasks", p.Total)
	}
	for _, m := range []string{"GET", "PUT", "PATCH", "DELETE"} {
		var body any
		if m == "PUT" || m == "PATCH" {
			body = map[string]any{"title": "hijacked"}
		}
		r := s.do(t, m, fmt.Sprintf("/api/tasks/%d", ids[0]), bob, body)
		expect(t, r, http.StatusNotFound, "bob "+m+" alice's task")
	}

	// Complete one task; the other fields stay.
	r := s.do(t, "PATCH", fmt.Sprintf("/api/tasks/%d", ids[1]), alice, map[string]any{"completed": true})
	expect(t, r, http.StatusOK, "patch completed")
	var patched task
	if err := json.Unmarshal(r.Body, &patched); err != nil {
		t.Fatal(err)
	}
	if !patched.Completed || patched.Title != "Buy milk" || patched.Description == nil || *patched.Description != "Oat, 2 liters" {
		t.Errorf("after patch: %+v", patched)
	}
	if p := list(alice, "?completed=true"); titles(p) != "Buy milk" {
		t.Errorf("completed=true gave %q", titles(p))
	}
	// null clears a nullable field.
	r = s.do(t, "PATCH", fmt.Sprintf("/api/tasks/%d", ids[1]), alice, map[string]any{"description": nil})
	expect(t, r, http.StatusOK, "patch description null")
	if v, ok := r.json(t)["description"]; !ok || v != nil {
		t.Errorf("description after null patch = %v (present %v)", v, ok)
	}

	// Delete, then it is gone for good.
	r = s.do(t, "DELETE", fmt.Sprintf("/api/tasks/%d", ids[1]), alice, nil)
	expect(t, r, http.StatusNoContent, "delete")
	r = s.do(t, "GET", fmt.Sprintf("/api/tasks/%d", ids[1]), alice, nil)
	expect(t, r, http.StatusNotFound, "get after delete")
	if body := r.json(t); body["code"] != "TASK_NOT_FOUND" {
		t.Errorf("404 code = %v, want TASK_NOT_FOUND", body["code"])
	}
	if p := list(alice, ""); p.Total != 2 {
		t.Errorf("total after delete = %d, want 2", p.Total)
	}
	if p := list(bob, ""); p.Total != 0 {
		t.Errorf("bob sees %d tasks at the end", p.Total)
	}
}
