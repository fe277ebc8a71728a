package apidoc

import (
	"bytes"
	"fmt"

	"github.com/crudgen/crudgen/generator/ir"
)

// accessLine documents who may read and who may write e's rows (its read=
// and write= policies), and what another caller gets.
func accessLine(b *bytes.Buffer, e *ir.Entity) {
	owner := e.Owner()
	fmt.Fprintf(b, "**Access** (`read=%s write=%s`): ", e.Read, e.Write)
	if owner != nil && e.Read.Rule == ir.RuleOwner && e.Write.Rule == ir.RuleOwner {
		fmt.Fprintf(b, "each user lists, reads, changes and deletes only their own %s (`%s` is set from the token and never sent); another user's %s answers `404`.",
			pluralNoun(e), owner.JSON, noun(e))
	} else {
		who := func(a ir.Access) string {
			switch {
			case a.Rule == ir.RuleOwner && owner != nil:
				return fmt.Sprintf("only the owner (`%s`, set from the token and never sent)", owner.JSON)
			case a.Rule == ir.RulePublic:
				return "anyone, without a token"
			case a.Rule == ir.RuleRole:
				return fmt.Sprintf("users whose token has the role `%s`", a.Role)
			}
			return "every signed-in user"
		}
		fmt.Fprintf(b, "reading: %s; creating, changing and deleting: %s.", who(e.Read), who(e.Write))
	}
	b.WriteString(" The admin role (`ADMIN_ROLE`, default `admin`) reads and writes every row.\n\n")
}

// relatedRoutes lists the nested lists and link routes of e: the children
// listed under one of its rows, and the many-to-many links through junction
// tables (see ir.Schema.Children and Links).
func relatedRoutes(b *bytes.Buffer, s *ir.Schema, e *ir.Entity) {
	children, links := s.Children(e), s.Links(e)
	if len(children) == 0 && len(links) == 0 {
		return
	}
	base := "/api/" + e.Route + "/{id}"
	b.WriteString("**Related routes**: the same list envelope and query language as the flat lists; `404` when the caller cannot read the " + noun(e) + ".\n\n")
	b.WriteString("| Route | Does | Answers |\n|---|---|---|\n")
	for _, c := range children {
		fmt.Fprintf(b, "| `GET %s/%s` | List the %s whose `%s` is this %s (the flat list's `?%s=` filter, scoped to a readable %s) | `200` a page of %s |\n",
			base, c.From.Route, pluralNoun(c.From), c.Field.JSON, noun(e), c.Field.JSON, noun(e), pluralNoun(c.From))
	}
	for _, l := range links {
		other := l.There.To
		key := "{" + l.There.Field.JSON + "}"
		fmt.Fprintf(b, "| `GET %s/%s` | List the %s linked to this %s (through `%s`) | `200` a page of %s |\n",
			base, other.Route, pluralNoun(other), noun(e), l.Junction.Table, pluralNoun(other))
		fmt.Fprintf(b, "| `PUT %s/%s/%s` | Link a %s to this %s; linking again changes nothing | `204`; `404` when this %s is not yours to change, `422` naming `%s` when that %s cannot be read |\n",
			base, other.Route, key, noun(other), noun(e), noun(e), l.There.Field.JSON, noun(other))
		fmt.Fprintf(b, "| `DELETE %s/%s/%s` | Unlink them | `204`; `404` `%s_NOT_FOUND` when not linked |\n",
			base, other.Route, key, l.Junction.CodePrefix())
	}
	b.WriteString("\n")
}
