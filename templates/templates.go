// Package templates holds the text templates crudgen renders into a
// generated backend, embedded so the crudgen binary is self-contained.
//
// api/ holds the handlers every entity's routes share and the helpers of
// every entity's generated API tests (internal/api in the output),
// repository/ what every entity's store shares (internal/repository).
// platform/ is the shared runtime of every backend (package platform and its
// test helpers in platform/platformtest). docs/ is Redoc's standalone bundle,
// the API reference page the backend serves at GET /docs (see docs/README.md).
// Each DIR/NAME.tmpl file becomes internal/DIR/NAME in the output; the files
// are ordinary Go source whose only template variable is {{.Module}}, the
// import path of the generated module. They carry no "Code generated" header:
// the emitter adds it, as it does for every Go file it writes.
package templates

import "embed"

// FS holds the template directories.
//
//go:embed all:platform all:api all:repository docs/redoc.standalone.js docs/redoc.standalone.js.LICENSE.txt docs/LICENSE
var FS embed.FS
