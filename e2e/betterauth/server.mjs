// A Better Auth server with the jwt plugin, for betterauth_test.go.
//
// Environment: PORT (listen port on 127.0.0.1), JWT_ALG (the jwt plugin's
// jwks.keyPairConfig.alg), DATABASE_URL (PostgreSQL) and PG_SCHEMA (a schema
// of its own, created here, where Better Auth's tables are migrated).
//
// Besides Better Auth's routes under /api/auth, it serves one route for the
// test: POST /test/rotate expires the current signing key, as the plugin's
// jwks.rotationInterval would, so that the next /api/auth/token mints a new
// key while the old one stays in the key set for its grace period.
import http from "node:http";
import pg from "pg";
import { betterAuth } from "better-auth";
import { jwt } from "better-auth/plugins";
import { getMigrations } from "better-auth/db/migration";
import { toNodeHandler } from "better-auth/node";

const port = Number(process.env.PORT);
const alg = process.env.JWT_ALG || "EdDSA";
const schema = process.env.PG_SCHEMA;
if (!port || !schema || !/^[a-z_][a-z0-9_]*$/.test(schema) || !process.env.DATABASE_URL) {
  console.error("server.mjs: set PORT, DATABASE_URL and PG_SCHEMA (lower-case letters, digits, _)");
  process.exit(2);
}

const setup = new pg.Client({ connectionString: process.env.DATABASE_URL });
await setup.connect();
await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
await setup.end();

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  options: `-c search_path=${schema}`,
});
const baseURL = `http://127.0.0.1:${port}`;
const options = {
  baseURL,
  secret: "e2e-better-auth-secret-0123456789abcdef",
  database: pool,
  emailAndPassword: { enabled: true },
  plugins: [jwt({ jwks: { keyPairConfig: { alg } } })],
};
const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
const authHandler = toNodeHandler(auth);

const server = http.createServer(async (req, res) => {
  if (req.method === "POST" && req.url === "/test/rotate") {
    try {
      const r = await pool.query(`UPDATE jwks SET "expiresAt" = now() - interval '1 second' WHERE "expiresAt" IS NULL OR "expiresAt" > now()`);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ expired: r.rowCount }));
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(err));
    }
    return;
  }
  return authHandler(req, res);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`better-auth ready ${baseURL} alg=${alg}`);
});
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    pool.end().finally(() => process.exit(0));
  });
}
