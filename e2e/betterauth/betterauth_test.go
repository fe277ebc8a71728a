// Package betterauth_test runs the generated todo backend against a real
// Better Auth server (npm better-auth with its jwt plugin, see server.mjs),
// once per signing algorithm the plugin offers. It is skipped unless
// CRUDGEN_BETTER_AUTH_E2E=1 is set and `npm ci` has been run in this folder;
// .ci/run does both. PostgreSQL holds Better Auth's tables
// (CRUDGEN_BETTER_AUTH_DATABASE_URL, default the local postgres database);
// each run gets a schema of its own, dropped afterwards.
package betterauth_test

import (
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/crudgen/crudgen/internal/proctest"
)

// algorithms are the values of the jwt plugin's jwks.keyPairConfig.alg.
var algorithms = []string{"EdDSA", "ES256", "ES512", "RS256", "PS256"}

// rotationDeadline is how soon after a key rotation, preceded by a token
// with a made-up kid, the new key's tokens must be accepted (issue 12).
const rotationDeadline = 5 * time.Second

func TestBetterAuth(t *testing.T) {
	if os.Getenv("CRUDGEN_BETTER_AUTH_E2E") != "1" {
		t.Skip("set CRUDGEN_BETTER_AUTH_E2E=1 (after `npm ci` in e2e/betterauth) to run the tests against a real Better Auth server")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "better-auth")); err != nil {
		t.Fatal("e2e/betterauth/node_modules/better-auth is missing: run `npm ci` in e2e/betterauth")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatal("node is not on PATH")
	}
	dbURL := os.Getenv("CRUDGEN_BETTER_AUTH_DATABASE_URL")
	if dbURL == "" {
		dbURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	todo := proctest.Build(t, "github.com/crudgen/crudgen/examples/todo")
	for _, alg := range algorithms {
		t.Run(alg, func(t *testing.T) {
			ba := startBetterAuth(t, dbURL, alg)
			api := startTodo(t, todo, ba.url)
			testCRUDAndIsolation(t, ba, api)
			testRotation(t, ba, api, alg)
		})
	}
}

type betterAuth struct {
	url string
}

func startBetterAuth(t *testing.T, dbURL, alg string) betterAuth {
	t.Helper()
	schema := "crudgen_ba_" + strings.ToLower(alg) + "_" + proctest.RandomHex(t, 4)
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Ping(); err != nil {
		t.Fatalf("PostgreSQL at %s (CRUDGEN_BETTER_AUTH_DATABASE_URL): %v", dbURL, err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		db.Close()
	})
	port := proctest.FreePort(t)
	cmd := exec.Command("node", "server.mjs")
	cmd.Env = append(os.Environ(), fmt.Sprint("PORT=", port), "JWT_ALG="+alg, "PG_SCHEMA="+schema, "DATABASE_URL="+dbURL)
	logs, _ := proctest.Start(t, "better-auth", cmd)
	ba := betterAuth{url: fmt.Sprintf("http://127.0.0.1:%d", port)}
	proctest.WaitHTTP(t, "better-auth", ba.url+"/api/auth/ok", func(status int) bool { return status < 500 }, logs)
	return ba
}

// user is a signed-up Better Auth user with the session cookie a browser
// would hold.
type user struct {
	id     string
	client *http.Client
}

func (ba betterAuth) signUp(t *testing.T, name string) user {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	u := user{client: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	body := fmt.Sprintf(`{"email":%q,"password":"correct-horse-battery","name":%q}`, name+"-"+proctest.RandomHex(t, 4)+"@example.com", name)
	resp, err := u.client.Post(ba.url+"/api/auth/sign-up/email", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		User struct{ ID string } `json:"user"`
	}
	decode(t, resp, http.StatusOK, &out)
	if out.User.ID == "" {
		t.Fatal("sign-up answered no user id")
	}
	u.id = out.User.ID
	return u
}

// token gets a JWT the way a frontend does: GET /api/auth/token with the
// session cookie.
func (ba betterAuth) token(t *testing.T, u user) string {
	t.Helper()
	resp, err := u.client.Get(ba.url + "/api/auth/token")
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Token string }
	decode(t, resp, http.StatusOK, &out)
	if out.Token == "" {
		t.Fatal("/api/auth/token answered no token")
	}
	return out.Token
}

// rotate expires the current signing key; the next token is signed by a new one.
func (ba betterAuth) rotate(t *testing.T) {
	t.Helper()
	resp, err := http.Post(ba.url+"/test/rotate", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Expired int }
	decode(t, resp, http.StatusOK, &out)
	if out.Expired == 0 {
		t.Fatal("rotate: no key expired")
	}
}

type todoServer struct {
	url  string
	logs *proctest.Log
}

func startTodo(t *testing.T, bin, betterAuthURL string) todoServer {
	t.Helper()
	url, logs, _ := proctest.StartServer(t, bin,
		"DATABASE_URL=sqlite:"+filepath.Join(t.TempDir(), "todo.db"),
		"BETTER_AUTH_URL="+betterAuthURL,
		// Only an unknown kid may make the server fetch the key set here.
		"JWKS_REFRESH_INTERVAL=1h",
	)
	s := todoServer{url: url, logs: logs}
	if strings.Contains(logs.String(), "whatever their issuer or audience") {
		t.Error("BETTER_AUTH_URL did not set the issuer and audience: the server warned")
	}
	return s
}

// do sends a request with a bearer token and returns the status and body.
func (s todoServer) do(t *testing.T, token, method, path, body string) (int, []byte) {
	t.Helper()
	return proctest.Do(t, s.url, token, method, path, body)
}

func (s todoServer) expect(t *testing.T, token, method, path, body string, want int) []byte {
	t.Helper()
	return proctest.Expect(t, s.url, token, method, path, body, want)
}

func testCRUDAndIsolation(t *testing.T, ba betterAuth, api todoServer) {
	alice, bob := ba.signUp(t, "alice"), ba.signUp(t, "bob")
	aliceToken, bobToken := ba.token(t, alice), ba.token(t, bob)

	var task struct {
		ID        int64  `json:"id"`
		Title     string `json:"title"`
		Completed bool   `json:"completed"`
	}
	b := api.expect(t, aliceToken, "POST", "/api/tasks", `{"title":"Buy milk","priority":"high"}`, http.StatusCreated)
	if err := json.Unmarshal(b, &task); err != nil || task.ID == 0 || task.Title != "Buy milk" {
		t.Fatalf("created task: %s (%v)", b, err)
	}
	path := fmt.Sprint("/api/tasks/", task.ID)
	api.expect(t, aliceToken, "GET", path, "", http.StatusOK)
	b = api.expect(t, aliceToken, "PATCH", path, `{"completed":true}`, http.StatusOK)
	if err := json.Unmarshal(b, &task); err != nil || !task.Completed {
		t.Fatalf("patched task: %s (%v)", b, err)
	}
	api.expect(t, aliceToken, "PUT", path, `{"title":"Buy oat milk","priority":"low","completed":false}`, http.StatusOK)
	var list struct{ Total int }
	if err := json.Unmarshal(api.expect(t, aliceToken, "GET", "/api/tasks", "", http.StatusOK), &list); err != nil || list.Total != 1 {
		t.Fatalf("alice lists %d tasks (%v), want 1", list.Total, err)
	}

	// Bob sees nothing of Alice's: 404, never 403.
	if err := json.Unmarshal(api.expect(t, bobToken, "GET", "/api/tasks", "", http.StatusOK), &list); err != nil || list.Total != 0 {
		t.Fatalf("bob lists %d tasks (%v), want 0", list.Total, err)
	}
	api.expect(t, bobToken, "GET", path, "", http.StatusNotFound)
	api.expect(t, bobToken, "PATCH", path, `{"title":"mine now"}`, http.StatusNotFound)
	api.expect(t, bobToken, "PUT", path, `{"title":"mine now","priority":"low","completed":false}`, http.StatusNotFound)
	api.expect(t, bobToken, "DELETE", path, "", http.StatusNotFound)
	b = api.expect(t, aliceToken, "GET", path, "", http.StatusOK)
	if !strings.Contains(string(b), "Buy oat milk") {
		t.Fatalf("alice's task changed behind her back: %s", b)
	}

	api.expect(t, aliceToken, "DELETE", path, "", http.StatusNoContent)
	api.expect(t, aliceToken, "GET", path, "", http.StatusNotFound)
	api.expect(t, "", "GET", "/api/tasks", "", http.StatusUnauthorized)
}

func testRotation(t *testing.T, ba betterAuth, api todoServer, alg string) {
	carol := ba.signUp(t, "carol")
	oldToken := ba.token(t, carol)
	api.expect(t, oldToken, "GET", "/api/tasks", "", http.StatusOK)

	// A token naming a key id that does not exist makes the server fetch
	// the key set, which does not have it.
	api.expect(t, withKID(t, oldToken, "made-up-"+proctest.RandomHex(t, 8)), "GET", "/api/tasks", "", http.StatusUnauthorized)

	// Right after it, Better Auth rotates its key.
	ba.rotate(t)
	newToken := ba.token(t, carol)
	if kid(t, newToken) == kid(t, oldToken) {
		t.Fatalf("the token after the rotation has the old kid %s", kid(t, oldToken))
	}
	if got := header(t, newToken)["alg"]; got != alg {
		t.Fatalf("Better Auth signed with %v, want %s", got, alg)
	}
	start := time.Now()
	var attempts int
	for {
		attempts++
		code, body := api.do(t, newToken, "GET", "/api/tasks", "")
		if code == http.StatusOK {
			break
		}
		if time.Since(start) > rotationDeadline {
			t.Fatalf("the new key's token is still refused %v after the rotation: %d %s", rotationDeadline, code, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	took := time.Since(start)
	t.Logf("%s: new key %s accepted %v after the rotation (made-up kid first), attempt %d", alg, kid(t, newToken), took.Round(time.Millisecond), attempts)

	// The old key stays in Better Auth's key set for its grace period, so
	// its tokens are still good.
	api.expect(t, oldToken, "GET", "/api/tasks", "", http.StatusOK)
}

func header(t *testing.T, token string) map[string]any {
	t.Helper()
	h, _, _ := strings.Cut(token, ".")
	b, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func kid(t *testing.T, token string) string {
	t.Helper()
	s, _ := header(t, token)["kid"].(string)
	return s
}

// withKID returns token with its header's kid replaced (and so an invalid
// signature).
func withKID(t *testing.T, token, kid string) string {
	t.Helper()
	h := header(t, token)
	h["kid"] = kid
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(token, ".")
	return base64.RawURLEncoding.EncodeToString(b) + "." + rest
}

func decode(t *testing.T, resp *http.Response, want int, v any) {
	t.Helper()
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %s, want %d", resp.Request.Method, resp.Request.URL, resp.StatusCode, b, want)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s %s: %v in %s", resp.Request.Method, resp.Request.URL, err, b)
	}
}
