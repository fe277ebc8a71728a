package apidoc

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
)

// ER renders er.md for s: a Mermaid erDiagram of every table (managed ones
// too, since the others reference them) with its columns, keys and
// references, which GitHub draws; then the references in words.
func ER(s *ir.Schema, specName string) []byte {
	var b bytes.Buffer
	headerLines(&b, specName)
	fmt.Fprintf(&b, "# %s — entity-relationship diagram\n\n", title(s))
	fmt.Fprintf(&b, "The tables of [%s](%s) as crudgen understood them: each column with its type "+
		"(crudgen's logical types) and keys (PK primary, FK foreign, UK unique). The routes are in "+
		"[rest-endpoints.md](../api/rest-endpoints.md).\n\n", specName, specName)
	b.WriteString("```mermaid\nerDiagram\n")
	var refs []string
	for _, e := range s.Entities {
		for _, f := range e.Fields {
			target, _ := s.Target(f)
			if target == nil {
				continue
			}
			fmt.Fprintf(&b, "    %s %s %s : %s\n", erName(target), cardinality(f), erName(e), erLabel(f.Column))
			rule := ""
			if a := ir.Action(f.References.OnDelete); a != "" {
				rule = ", on delete " + strings.ToLower(a)
			}
			refs = append(refs, fmt.Sprintf("- `%s.%s` → `%s.%s`%s", e.Table, f.Column, target.Table, f.References.Column, rule))
		}
	}
	for _, e := range s.Entities {
		fmt.Fprintf(&b, "    %s {\n", erName(e))
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "        %s %s", erType(f), erName2(f.Column))
			if k := keys(f); k != "" {
				b.WriteString(" " + k)
			}
			if c := erComment(f); c != "" {
				fmt.Fprintf(&b, ` "%s"`, c)
			}
			b.WriteString("\n")
		}
		b.WriteString("    }\n")
	}
	b.WriteString("```\n\n")
	for _, e := range s.Entities {
		var notes []string
		if e.Managed {
			notes = append(notes, "managed by "+e.ManagedBy+": no routes")
		} else if e.CRUD {
			notes = append(notes, fmt.Sprintf("routes at `/api/%s`", e.Route))
		}
		if e.OwnerField != "" {
			notes = append(notes, fmt.Sprintf("owned through `%s`", e.OwnerField))
		}
		if e.SoftDelete {
			notes = append(notes, "soft delete")
		}
		if len(notes) > 0 {
			fmt.Fprintf(&b, "- **%s**: %s.\n", e.Table, strings.Join(notes, "; "))
		}
	}
	if len(refs) > 0 {
		b.WriteString("\nReferences:\n\n" + strings.Join(refs, "\n") + "\n")
	}
	return finish(&b)
}

// erName is a table's name in the diagram; Mermaid takes letters, digits,
// _ and - unquoted.
func erName(e *ir.Entity) string { return erName2(e.Table) }

// erName2 makes a name safe for Mermaid.
func erName2(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// erLabel is a relationship's label: the referencing column, quoted.
func erLabel(column string) string { return `"` + strings.ReplaceAll(column, `"`, "'") + `"` }

// cardinality is the Mermaid relationship from the referenced table to the
// referencing one: one (or zero, when nullable) to many, or to at most one
// when the column is unique.
func cardinality(f *ir.Field) string {
	left := "||"
	if f.Nullable {
		left = "|o"
	}
	right := "o{"
	if f.Unique || f.PrimaryKey {
		right = "o|"
	}
	return left + "--" + right
}

// erType is a column's type in the diagram: its logical type, with the
// maximum length of bounded text.
func erType(f *ir.Field) string {
	if f.MaxLength > 0 && f.Type.Info().Text {
		return fmt.Sprintf("%s(%d)", f.Type, f.MaxLength)
	}
	return string(f.Type)
}

// keys are f's key markers: PK, FK, UK.
func keys(f *ir.Field) string {
	var k []string
	if f.PrimaryKey {
		k = append(k, "PK")
	}
	if f.References != nil {
		k = append(k, "FK")
	}
	if f.Unique && !f.PrimaryKey {
		k = append(k, "UK")
	}
	return strings.Join(k, ", ")
}

// erComment is a column's comment: nullable when it is, its enum values, and
// its description without Markdown code marks.
func erComment(f *ir.Field) string {
	var parts []string
	if f.Nullable {
		parts = append(parts, "nullable")
	}
	if len(f.Enum) > 0 {
		parts = append(parts, strings.Join(f.Enum, " | "))
	}
	if d := strings.TrimSpace(f.Description); d != "" {
		parts = append(parts, d)
	}
	return erCommentMarks.Replace(strings.Join(parts, "; "))
}

// erCommentMarks takes out of a comment what Mermaid would read as its end
// or as Markdown.
var erCommentMarks = strings.NewReplacer(`"`, "'", "`", "", "\n", " ")
