package ir

import "strings"

// Ref is a reference from a field of one entity to a key of another, as the
// generated API enforces it.
type Ref struct {
	From        *Entity // the referencing entity: comments
	Field       *Field  // its reference field: post_id
	To          *Entity // the referenced entity: posts
	TargetField *Field  // the referenced key: posts.id
}

// Checked returns the references of e that a write must name a readable row
// of: every enforced reference to an entity the app stores (not to a table of
// the auth provider). The API refuses a value that names no row the caller may
// read under the referenced entity's read policy with the same 422 as a value
// that names no row at all.
func (s *Schema) Checked(e *Entity) []Ref {
	var refs []Ref
	for _, f := range e.Fields {
		to, tf := s.Target(f)
		if to == nil || tf == nil || to.Managed || !s.Enforced(e, f) {
			continue
		}
		refs = append(refs, Ref{From: e, Field: f, To: to, TargetField: tf})
	}
	return refs
}

// Restricting returns the references to e from routed or stored entities
// that forbid deleting a referenced row (ON DELETE RESTRICT or NO ACTION,
// the default): the API refuses such a delete with 409
// <ENTITY>_STILL_REFERENCED naming the referencing table, the same on both
// databases. CASCADE and SET NULL are left to the database.
func (s *Schema) Restricting(e *Entity) []Ref {
	var refs []Ref
	for _, from := range s.Entities {
		for _, r := range s.Checked(from) {
			if r.To != e {
				continue
			}
			switch strings.ToUpper(r.Field.References.OnDelete) {
			case "", "RESTRICT", "NO ACTION":
				refs = append(refs, r)
			}
		}
	}
	return refs
}

// CodePrefix is the upper-case stem of e's error codes: "TASK" for
// TASK_NOT_FOUND and TASK_STILL_REFERENCED.
func (e *Entity) CodePrefix() string {
	return strings.TrimSuffix(e.NotFoundCode(), "_NOT_FOUND")
}
