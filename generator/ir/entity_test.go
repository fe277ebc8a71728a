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
