package ir

import (
	"strings"
)

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
		if r, ok := s.checked(e, f); ok {
			refs = append(refs, r)
		}
	}
	return refs
}

// checked returns the reference of e's field f when Checked holds it.
func (s *Schema) checked(e *Entity, f *Field) (Ref, bool) {
	to, tf := s.Target(f)
	if to == nil || tf == nil || to.Managed || !s.Enforced(e, f) {
		return Ref{}, false
	}
	return Ref{From: e, Field: f, To: to, TargetField: tf}, true
}

// checkedTo returns the references of Checked(from) that point at to. It
// resolves only the fields naming to's table, as Restricting and Children
// ask it of every pair of entities.
func (s *Schema) checkedTo(from, to *Entity) []Ref {
	var refs []Ref
	for _, f := range from.Fields {
		if f.References == nil || !strings.EqualFold(f.References.Table, to.Table) {
			continue
		}
		if r, ok := s.checked(from, f); ok && r.To == to {
			refs = append(refs, r)
		}
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
		for _, r := range s.checkedTo(from, e) {
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

// Children returns the references of routed entities to e that list rows
// under e: GET /api/<e.Route>/{id}/<child.Route>. A child that refers to e
// twice (author_id and editor_id) gets no nested list, as one path cannot say
// which; nor does a child whose route a link of e uses already.
func (s *Schema) Children(e *Entity) []Ref {
	if !e.CRUD || e.Managed || e.PK() == nil {
		return nil
	}
	taken := map[string]bool{}
	for _, l := range s.Links(e) {
		taken[l.There.To.Route] = true
	}
	var refs []Ref
	for _, child := range s.Entities {
		if !child.CRUD || child.Managed || taken[child.Route] {
			continue
		}
		var mine []Ref
		for _, r := range s.checkedTo(child, e) {
			if r.Field.Role == RoleNone && r.TargetField.PrimaryKey {
				mine = append(mine, r)
			}
		}
		if len(mine) == 1 {
			refs = append(refs, mine[0])
		}
	}
	return refs
}

// Link is a many-to-many relation seen from one side: a junction table whose
// key is two references, Here to the entity whose routes hold the link and
// There to the other side.
type Link struct {
	Junction    *Entity
	Here, There Ref
	// Stamps are the junction's created_at and updated_at fields, set on link.
	Stamps []*Field
}

// Links returns the many-to-many relations of e through junction tables:
// PUT|DELETE /api/<e.Route>/{id}/<other.Route>/{<There.Field.JSON>} and
// GET /api/<e.Route>/{id}/<other.Route>. A junction between an entity and
// itself, or whose other columns a link could not fill (NOT NULL without a
// default), gives no links.
func (s *Schema) Links(e *Entity) []Link {
	if !e.CRUD || e.Managed || e.PK() == nil {
		return nil
	}
	var links []Link
	for _, j := range s.Entities {
		if !j.Junction || len(j.PrimaryKey) != 2 {
			continue
		}
		refs := s.Checked(j)
		if len(refs) != 2 || refs[0].To == refs[1].To || !refs[0].Field.PrimaryKey || !refs[1].Field.PrimaryKey {
			continue
		}
		for i, r := range refs {
			other := refs[1-i]
			if r.To != e || !other.To.CRUD || other.To.Managed || !r.TargetField.PrimaryKey || !other.TargetField.PrimaryKey {
				continue
			}
			l := Link{Junction: j, Here: r, There: other}
			if l.fillable() {
				links = append(links, l)
			}
		}
	}
	return links
}

// fillable reports whether a link can insert a junction row from the two keys
// and the time, collecting the stamps.
func (l *Link) fillable() bool {
	for _, f := range l.Junction.Fields {
		switch {
		case f == l.Here.Field || f == l.There.Field:
		case f.Role == RoleCreatedAt || f.Role == RoleUpdatedAt:
			l.Stamps = append(l.Stamps, f)
		case !f.Nullable && f.Default == nil && !f.AutoIncrement:
			return false
		}
	}
	return true
}

// warnJunctions warns about each junction table that gives no link routes:
// one whose references do not both point at tables with routes.
func (r *resolver) warnJunctions(s *Schema) {
	for _, d := range r.drafts {
		j := d.e
		if !j.Junction {
			continue
		}
		linked := false
		for _, e := range s.Entities {
			for _, l := range s.Links(e) {
				linked = linked || l.Junction == j
			}
		}
		if !linked {
			r.warnf(d.pos, "`%s` is a junction table (its primary key is %s, two references); crudgen creates the table but gives it link routes "+
				"only when both references point at the keys of two different tables with routes", j.Table, strings.Join(j.PrimaryKey, ", "))
		}
	}
}
