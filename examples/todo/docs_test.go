// Tests of the API's served documentation: GET /openapi.json and the
// reference page at GET /docs, in a real browser when one is available. This
// file is written by hand; crudgen never touches it.
package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crudgen/crudgen/examples/todo/internal/platform/platformtest"
)

// docsServer starts the todo server on a fresh database with the secret
// docsSecret.
func docsServer(t *testing.T, env ...string) *server {
	t.Helper()
	return startServer(t, append([]string{"DATABASE_URL=" + platformtest.DatabaseURL(t), "JWT_SECRET=" + docsSecret}, env...)...)
}

const docsSecret = "docs-test-secret-of-at-least-32-bytes"

// reCurl reads the curl examples of rest-endpoints.md: method, URL, body.
var reCurl = regexp.MustCompile("(?s)```sh\ncurl -s(?: -X (\\w+))? '([^']+)'.*?(?:-d '([^']*)')?\n```\n")

// TestRestEndpointsExamples sends every curl example of the generated
// specs/api/rest-endpoints.md to the server, in the document's order (list,
// create, get, replace, patch, delete per entity), with the id the create
// example answered in place of the document's example id, and checks each
// answers the status its route documents.
func TestRestEndpointsExamples(t *testing.T) {
	doc, err := os.ReadFile("../../specs/api/rest-endpoints.md")
	if err != nil {
		t.Fatal(err)
	}
	s := docsServer(t)
	token := hs256(docsSecret)(t, "docs-user")
	want := map[string]int{"GET": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 204}
	examples := reCurl.FindAllStringSubmatch(string(doc), -1)
	if len(examples) != 12 {
		t.Fatalf("rest-endpoints.md has %d curl examples, want 6 for each of its 2 entities", len(examples))
	}
	var created string // the id of the last item the create example made
	for _, m := range examples {
		method, rawURL, body := m[1], m[2], m[3]
		if method == "" {
			method = "GET"
		}
		u, err := url.Parse(rawURL)
		if err != nil {
			t.Fatal(err)
		}
		path := u.Path
		if parts := strings.Split(path, "/"); len(parts) == 4 && created != "" {
			path = strings.Join(parts[:3], "/") + "/" + created
		}
		if u.RawQuery != "" {
			path += "?" + u.RawQuery
		}
		var payload any
		if body != "" {
			if err := json.Unmarshal([]byte(body), &payload); err != nil {
				t.Fatalf("%s %s: the example body is not JSON: %v\n%s", method, rawURL, err, body)
			}
		}
		r := s.do(t, method, path, token, payload)
		if r.Status != want[method] {
			t.Errorf("%s %s (the example of %s %s): %d, want %d\n%s", method, path, method, rawURL, r.Status, want[method], r.Body)
			continue
		}
		if method == "POST" {
			created = fmt.Sprint(r.json(t)["id"])
		}
	}
}

// TestServedDocs checks that the server serves the committed openapi.json
// byte for byte, the reference page and its script, without a token, and
// neither with API_DOCS=false.
func TestServedDocs(t *testing.T) {
	committed, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	s := docsServer(t)

	r := s.do(t, "GET", "/openapi.json", "", nil)
	expect(t, r, 200, "GET /openapi.json")
	if !bytes.Equal(r.Body, committed) {
		t.Errorf("GET /openapi.json is not the committed openapi.json (%d bytes, want %d)", len(r.Body), len(committed))
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET /openapi.json: Content-Type %q, want application/json", ct)
	}

	r = s.do(t, "GET", "/docs", "", nil)
	expect(t, r, 200, "GET /docs")
	for _, want := range []string{`<redoc spec-url="/openapi.json">`, `<script src="/docs/redoc.standalone.js">`} {
		if !strings.Contains(string(r.Body), want) {
			t.Errorf("GET /docs lacks %s:\n%s", want, r.Body)
		}
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("GET /docs: Content-Security-Policy %q does not allow its own script", csp)
	}

	r = s.do(t, "GET", "/docs/redoc.standalone.js", "", nil)
	expect(t, r, 200, "GET /docs/redoc.standalone.js")
	if !bytes.Contains(r.Body[:min(len(r.Body), 4096)], []byte("The MIT License")) {
		t.Error("the served Redoc bundle does not start with its licence")
	}

	off := docsServer(t, "API_DOCS=false")
	for _, p := range []string{"/openapi.json", "/docs", "/docs/redoc.standalone.js"} {
		expect(t, off.do(t, "GET", p, "", nil), 404, "GET "+p+" with API_DOCS=false")
	}
}

// TestDocsInBrowser loads /docs in headless Chromium and checks that the
// rendered page lists every operation of openapi.json: its summary, and the
// section Redoc renders for its operationId. It needs a Chromium binary and
// runs only with CRUDGEN_BROWSER_E2E=1 (.ci/run sets it, after installing
// Debian's chromium when it is missing). CRUDGEN_CHROMIUM names the binary;
// the default is chromium on PATH.
func TestDocsInBrowser(t *testing.T) {
	if os.Getenv("CRUDGEN_BROWSER_E2E") == "" {
		t.Skip("set CRUDGEN_BROWSER_E2E=1 to load /docs in headless Chromium")
	}
	browser := os.Getenv("CRUDGEN_CHROMIUM")
	if browser == "" {
		browser = "chromium"
	}
	path, err := exec.LookPath(browser)
	if err != nil {
		t.Fatalf("CRUDGEN_BROWSER_E2E is set but there is no browser: %v (install Debian's chromium, or set CRUDGEN_CHROMIUM)", err)
	}

	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	committed, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(committed, &doc); err != nil {
		t.Fatal(err)
	}
	type op struct{ id, summary, where string }
	var ops []op
	for p, item := range doc.Paths {
		for method, raw := range item {
			var o struct {
				OperationID string `json:"operationId"`
				Summary     string `json:"summary"`
			}
			if method == "parameters" || json.Unmarshal(raw, &o) != nil || o.OperationID == "" {
				continue
			}
			ops = append(ops, op{o.OperationID, o.Summary, strings.ToUpper(method) + " " + p})
		}
	}
	slices.SortFunc(ops, func(a, b op) int { return strings.Compare(a.id, b.id) })
	// The 6 routes of each of its 2 entities, and the routes that link
	// tasks and tags (list, link, unlink, from each side).
	if len(ops) != 18 {
		t.Fatalf("openapi.json has %d operations, want 18: the 6 of each of its 2 entities and 3 link routes on each side", len(ops))
	}

	s := docsServer(t)
	// --virtual-time-budget lets the page run (fetch the document, render)
	// until it is idle before the DOM is printed; the context is only a
	// ceiling for a browser that hangs.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, path,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=30000", "--dump-dom", s.base+"/docs")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --dump-dom: %v\n%s", path, err, stderr.String())
	}
	html := string(dom)
	if !strings.Contains(html, "operation/") {
		t.Fatalf("Redoc rendered no operation; the DOM:\n%.4000s\nChromium said:\n%s", html, stderr.String())
	}
	for _, o := range ops {
		if !strings.Contains(html, `operation/`+o.id+`"`) {
			t.Errorf("%s (%s): no section for operation %s in the rendered page", o.where, o.summary, o.id)
		}
		if !strings.Contains(html, ">"+o.summary+"<") {
			t.Errorf("%s (%s): its summary is not in the rendered page", o.where, o.id)
		}
	}
	t.Logf("headless Chromium rendered /docs with all %d operations (%d bytes of DOM)", len(ops), len(dom))
}
