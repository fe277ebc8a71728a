package ir

import "testing"

// TestDefaultSort checks that a list without ?sort= only sorts by fields on the
// allow-list: options that take created_at (or the key) off it must not make
// every plain list a 500.
func TestDefaultSort(t *testing.T) {
	entity := func(createdSortable, pkSortable bool) *Entity {
		return &Entity{
			Name: "Task", PrimaryKey: []string{"id"},
			Fields: []*Field{
				{Name: "ID", Column: "id", JSON: "id", Type: Int, PrimaryKey: true, Role: RoleID, Sortable: pkSortable},
				{Name: "CreatedAt", Column: "created_at", JSON: "created_at", Type: Timestamp, Role: RoleCreatedAt, Sortable: createdSortable},
			},
		}
	}
	for _, tc := range []struct {
		created, pk bool
		want        string
	}{
		{true, true, "-created_at"},
		{false, true, "id"},
		{false, false, ""},
	} {
		if got := entity(tc.created, tc.pk).DefaultSort(); got != tc.want {
			t.Errorf("created_at sortable %v, id sortable %v: default sort %q, want %q", tc.created, tc.pk, got, tc.want)
		}
	}
}

// TestLookups checks that Entity and Target, which use the index Resolve
// builds, answer as a scan of Entities does, also after the entities were
// changed by hand.
func TestLookups(t *testing.T) {
	users := &Entity{Name: "User", Table: "users", Fields: []*Field{{Column: "id"}}}
	posts := &Entity{Name: "Post", Table: "posts", Fields: []*Field{{Column: "id"}, {Column: "user_id", References: &Reference{Table: "Users", Column: "id"}}}}
	s := &Schema{Entities: []*Entity{users, posts}}
	s.index()
	ref := posts.Fields[1]
	check := func(when string, wantEntity map[string]*Entity, wantTarget *Entity) {
		t.Helper()
		for name, want := range wantEntity {
			if got := s.Entity(name); got != want {
				t.Errorf("%s: Entity(%q) = %v, want %v", when, name, got, want)
			}
		}
		if got, _ := s.Target(ref); got != wantTarget {
			t.Errorf("%s: Target(user_id) = %v, want %v", when, got, wantTarget)
		}
	}
	check("indexed", map[string]*Entity{"User": users, "users": users, "posts": posts, "Users": nil, "tags": nil}, users)

	tags := &Entity{Name: "Tag", Table: "tags"}
	s.Entities = append(s.Entities, tags)
	check("appended", map[string]*Entity{"tags": tags, "Tag": tags, "users": users}, users)

	accounts := &Entity{Name: "Account", Table: "users", Fields: []*Field{{Column: "id"}}}
	s.Entities[0] = accounts
	check("replaced", map[string]*Entity{"User": nil, "Account": accounts, "users": accounts}, accounts)
}
