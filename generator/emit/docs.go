package emit

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"

	"github.com/crudgen/crudgen/internal/header"
	"github.com/crudgen/crudgen/templates"
)

// redocVersion is the version of the npm package redoc whose standalone
// bundle templates/docs holds.
const redocVersion = "2.5.4"

// redocPath is where the bundle goes in the backend; the platform's docs.go
// embeds it from there.
const redocPath = "internal/platform/docs/redoc.standalone.js"

// redocFile is the reference page's script, internal/platform/docs/redoc.standalone.js:
// the generated header, the licences of Redoc and of what its bundle
// includes, then the bundle itself without its licence pointer (the
// licences are inline now) and its source-map line (the map is not shipped).
func redocFile() (File, error) {
	read := func(name string) ([]byte, error) {
		b, err := fs.ReadFile(templates.FS, "docs/"+name)
		if err != nil {
			return nil, fmt.Errorf("emit: %w", err)
		}
		return b, nil
	}
	bundle, err := read("redoc.standalone.js")
	if err != nil {
		return File{}, err
	}
	license, err := read("LICENSE")
	if err != nil {
		return File{}, err
	}
	notices, err := read("redoc.standalone.js.LICENSE.txt")
	if err != nil {
		return File{}, err
	}
	first, rest, _ := bytes.Cut(bundle, []byte("\n"))
	if !bytes.Contains(first, []byte("For license information")) {
		return File{}, fmt.Errorf("emit: templates/docs/redoc.standalone.js does not start with its licence pointer")
	}
	rest = bytes.TrimRight(rest, "\n")
	if i := bytes.LastIndex(rest, []byte("\n//# sourceMappingURL=")); i >= 0 {
		rest = rest[:i]
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\n// Redoc %s (https://github.com/Redocly/redoc), bundles/redoc.standalone.js of the npm\n"+
		"// package redoc@%s: the API reference page served at GET /docs.\n", header.Go, redocVersion, redocVersion)
	b.WriteString("/*!\n * Redoc's licence:\n *\n")
	for line := range bytes.Lines(bytes.TrimSpace(license)) {
		b.WriteString(strings.TrimRight(" * "+string(line), " \n") + "\n")
	}
	b.WriteString(" */\n\n// The licences of what the bundle includes:\n\n")
	b.Write(bytes.TrimSpace(notices))
	b.WriteString("\n\n")
	b.Write(rest)
	b.WriteString("\n")
	return File{Path: redocPath, Content: b.Bytes()}, nil
}
