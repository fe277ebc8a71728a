// Package ir is the resolved schema that every later stage of crudgen reads.
//
// The parser (package spec) produces a document as written; Resolve turns it into
// a Schema: names chosen, logical types mapped, keys, references, owners, soft
// delete, defaults and indexes decided, and every check a spec can fail made
// with its position. Emitters only branch on what is here; they never look at
// Markdown. logical.go is the table of logical types (Go, SQL and OpenAPI
// forms, traits, test values) that every emitter reads. This package must not
// import goldmark or jennifer.
package ir

import (
	"strings"

	"github.com/crudgen/crudgen/internal/diag"
)

// Type is a logical column type. Every spelling found in a spec maps to one of these.
type Type string

// The logical types of the IR vocabulary.
const (
	String    Type = "string"    // bounded text (varchar)
	Text      Type = "text"      // unbounded text
	Int       Type = "int"       // 32-bit integer
	BigInt    Type = "bigint"    // 64-bit integer
	Float     Type = "float"     // double precision
	Decimal   Type = "decimal"   // exact numeric, carried as a string in Go
	Bool      Type = "bool"      // boolean
	UUID      Type = "uuid"      // RFC 4122 identifier, carried as a string in Go
	Timestamp Type = "timestamp" // instant in time, UTC
	Date      Type = "date"      // calendar date, YYYY-MM-DD
	Time      Type = "time"      // time of day, HH:MM:SS
	JSON      Type = "json"      // arbitrary JSON document
	Bytes     Type = "bytes"     // binary data
	Enum      Type = "enum"      // one of Field.Enum
)

// Pos is a position in a spec file. Line and Col are 1-based.
type Pos = diag.Pos

// Schema is the resolved data model of one spec file.
type Schema struct {
	// Entities in the order they were first defined in the spec.
	Entities []*Entity `json:"entities"`
	// Title names the application, from the spec's title heading without
	// words that only say it is a schema: "Todo App" for "# Todo App —
	// Database Schema". Empty when the spec has no title.
	Title string `json:"title,omitempty"`
	// Description is the Markdown of the spec's overview, the paragraphs
	// under its title.
	Description string `json:"description,omitempty"`

	// byName and byTable find an entity's index in Entities for Entity (by
	// Go or table name) and Target (by lower-cased table name), which the
	// emitters call for every field of every pair of entities. Resolve
	// fills them. A lookup checks the entity it finds and scans Entities
	// when it finds none, so that a schema built or changed by hand is
	// still answered right, only more slowly.
	byName, byTable map[string]int
}

// Role says why the server, not the client, owns a field's value.
type Role string

// Field roles. A field with a role other than RoleNone is read-only for clients.
const (
	RoleNone      Role = ""
	RoleID        Role = "id"         // primary key assigned by the server
	RoleOwner     Role = "owner"      // set from the JWT subject
	RoleCreatedAt Role = "created_at" // set once on insert
	RoleUpdatedAt Role = "updated_at" // set on insert and on every change
	RoleDeletedAt Role = "deleted_at" // soft-delete marker
)

// Entity is one table and, unless Managed or NoCRUD, one REST resource.
type Entity struct {
	Name   string `json:"name"`   // Go type name, singular PascalCase: "Task", "TaskTag"
	Plural string `json:"plural"` // Go plural, PascalCase: "Tasks"
	Table  string `json:"table"`  // SQL table name as written: "tasks"
	Route  string `json:"route"`  // path segment under /api: "tasks"

	// Managed names the provider that owns the table ("Better Auth"); managed
	// tables are created for references but get no CRUD.
	Managed   bool   `json:"managed"`
	ManagedBy string `json:"managed_by,omitempty"`
	// CRUD is true when the entity gets a repository, routes and tests.
	CRUD bool `json:"crud"`
	// Junction is true for a table whose primary key is two references.
	Junction bool `json:"junction,omitempty"`

	// OwnerField is the column holding the owner's id ("user_id"), or "".
	OwnerField string `json:"owner_field"`
	// Read and Write are the entity's access policy (options read= and
	// write=): owned entities default to owner/owner, others to
	// authenticated/role:admin.
	Read  Access `json:"read"`
	Write Access `json:"write"`
	// SoftDelete is true when deletes set DeletedAtField instead of removing the row.
	SoftDelete bool `json:"soft_delete"`
	// RenamedFrom is the table's previous name (option renamed_from=old): the
	// next migration renames the table instead of dropping it and creating a
	// new one. It has no effect once applied.
	RenamedFrom string `json:"renamed_from,omitempty"`
	// Events are the kinds of change published for the entity (option
	// events=…), in the order of EventKinds; none when nil. Each change and
	// its event are written in one transaction (a transactional outbox).
	Events []EventKind `json:"events,omitempty"`

	Description string `json:"description,omitempty"`
	Line        int    `json:"line"`
	Pos         Pos    `json:"pos"`
	// Sources lists where the entity was described ("table", "bullets", "sql",
	// "sqlmodel", "mermaid", "prisma"), in the order met.
	Sources []string `json:"sources,omitempty"`

	Fields []*Field `json:"fields"`
	// PrimaryKey lists the primary-key columns in order (one for CRUD entities).
	PrimaryKey []string `json:"primary_key"`
	Indexes    []*Index `json:"indexes"`
}

// Field is one column.
type Field struct {
	Name   string `json:"name"`   // Go field name: "UserID", "DueDate"
	Column string `json:"column"` // SQL column: "user_id"
	JSON   string `json:"json"`   // JSON member name: "user_id" (or "dueDate" when the spec used camelCase)
	Type   Type   `json:"type"`

	Nullable   bool     `json:"nullable"`
	PrimaryKey bool     `json:"primary_key"`
	Unique     bool     `json:"unique"`
	Default    *Default `json:"default,omitempty"`
	// Required is true when a create request must carry the field.
	Required bool `json:"required"`

	// Validation rules taken from the spec.
	MaxLength int      `json:"max_length,omitempty"`
	MinLength int      `json:"min_length,omitempty"`
	NotBlank  bool     `json:"not_blank,omitempty"`
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	Enum      []string `json:"enum,omitempty"`
	Format    string   `json:"format,omitempty"` // "email", "url" or "uuid"

	References *Reference `json:"references,omitempty"`

	// Role marks server-maintained fields; ReadOnly is Role != RoleNone.
	Role     Role `json:"role,omitempty"`
	ReadOnly bool `json:"read_only"`
	// WriteOnly fields hold credentials (a password hash, a client secret):
	// request bodies may set them, but no response, list query or event
	// carries them. Columns named like credentials are write-only unless
	// the option writeonly= says otherwise (see writeonly.go).
	WriteOnly bool `json:"write_only,omitempty"`
	// AutoIncrement is true for integer keys the database assigns.
	AutoIncrement bool `json:"auto_increment,omitempty"`
	// RenamedFrom is the column's previous name ("renamed from body" in its
	// constraints): the next migration renames the column instead of
	// dropping it and adding a new one. It has no effect once applied.
	RenamedFrom string `json:"renamed_from,omitempty"`

	// List query capabilities.
	Sortable   bool `json:"sortable,omitempty"`
	Filterable bool `json:"filterable,omitempty"`
	Searchable bool `json:"searchable,omitempty"`

	Description string `json:"description,omitempty"`
	Pos         Pos    `json:"pos"`
}

// DefaultKind says what a column's default is.
type DefaultKind string

// The kinds of default.
const (
	// DefaultLiteral is a constant, Value, normalised for its type:
	// "false", "medium", "0", `{"a": 1}`.
	DefaultLiteral DefaultKind = "literal"
	// DefaultNow is the current time (now(), CURRENT_TIMESTAMP, today...) as
	// a value of the field's type: a timestamp, a date, a time of day, or
	// RFC 3339 text.
	DefaultNow DefaultKind = "now"
	// DefaultUUID is a new random UUID per row (gen_random_uuid(), uuid4...).
	DefaultUUID DefaultKind = "uuid"
	// DefaultExpr is a database expression crudgen cannot evaluate
	// (nextval('s'), lower(name)), Value as written. The API gives the field
	// no default and the migrations do not write it; a warning says so.
	DefaultExpr DefaultKind = "expression"
)

// Default is a column's default value.
type Default struct {
	Kind  DefaultKind `json:"kind"`
	Value string      `json:"value,omitempty"`
	Pos   Pos         `json:"pos"`
}

// Is reports whether d is a default of kind k; a nil d is no default.
func (d *Default) Is(k DefaultKind) bool { return d != nil && d.Kind == k }

// Literal returns the value of a literal default, ok false for any other.
func (d *Default) Literal() (string, bool) {
	if d.Is(DefaultLiteral) {
		return d.Value, true
	}
	return "", false
}

// Same reports whether d and o state the same default, wherever written.
func (d *Default) Same(o *Default) bool {
	return d.Kind == o.Kind && strings.EqualFold(d.Value, o.Value)
}

// String is the default as a spec would write it: "now()",
// "gen_random_uuid()" or the value.
func (d *Default) String() string {
	switch d.Kind {
	case DefaultNow:
		return "now()"
	case DefaultUUID:
		return "gen_random_uuid()"
	}
	return d.Value
}

// Rule says who may use the routes of an entity; see Access.
type Rule string

// The access rules of the options line.
const (
	RuleOwner         Rule = "owner"         // signed-in callers, rows scoped to their own
	RuleAuthenticated Rule = "authenticated" // every signed-in caller, every row
	RulePublic        Rule = "public"        // anyone, without a token (read only)
	RuleRole          Rule = "role"          // callers holding Role (and admins), every row
)

// Access is who may read, or who may write, an entity's rows.
type Access struct {
	Rule Rule   `json:"rule"`
	Role string `json:"role,omitempty"` // the role of RuleRole
}

// String is the access as the options line writes it: "owner", "role:admin".
func (a Access) String() string {
	if a.Rule == RuleRole {
		return "role:" + a.Role
	}
	return string(a.Rule)
}

// Who names in prose the callers a grants: "every signed-in user",
// "anyone", "the admin role", "their owners".
func (a Access) Who() string {
	switch a.Rule {
	case RuleOwner:
		return "their owners"
	case RulePublic:
		return "anyone"
	case RuleRole:
		return "the " + a.Role + " role"
	}
	return "every signed-in user"
}

// Reference is a foreign key.
type Reference struct {
	Table    string `json:"table"`
	Column   string `json:"column"`
	Entity   string `json:"entity,omitempty"`    // Go name of the referenced entity, when known
	OnDelete string `json:"on_delete,omitempty"` // "CASCADE", "SET NULL", "RESTRICT", "NO ACTION" or ""
}

// Index is a secondary index.
type Index struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique"`
	Pos     Pos      `json:"pos"`
}

// Field returns the field with the given column name, or nil.
func (e *Entity) Field(column string) *Field {
	for _, f := range e.Fields {
		if f.Column == column {
			return f
		}
	}
	return nil
}

// PK returns the single primary-key field, or nil for composite or missing keys.
func (e *Entity) PK() *Field {
	if len(e.PrimaryKey) != 1 {
		return nil
	}
	return e.Field(e.PrimaryKey[0])
}

// Owner returns the owner field, or nil when the entity is not owned.
func (e *Entity) Owner() *Field {
	if e.OwnerField == "" {
		return nil
	}
	return e.Field(e.OwnerField)
}

// RoleField returns the field of e with role r, or nil.
func (e *Entity) RoleField(r Role) *Field {
	for _, f := range e.Fields {
		if f.Role == r {
			return f
		}
	}
	return nil
}

// Writable returns the fields a client sends, in column order.
func (e *Entity) Writable() []*Field {
	var fs []*Field
	for _, f := range e.Fields {
		if !f.ReadOnly && f.Role == RoleNone {
			fs = append(fs, f)
		}
	}
	return fs
}

// Returned returns the fields a response carries, in column order: all but
// the write-only ones.
func (e *Entity) Returned() []*Field {
	var fs []*Field
	for _, f := range e.Fields {
		if !f.WriteOnly {
			fs = append(fs, f)
		}
	}
	return fs
}

// ServerOwned returns the fields a client may not send: read-only fields and
// those with a role, in column order.
func (e *Entity) ServerOwned() []*Field {
	var fs []*Field
	for _, f := range e.Fields {
		if f.ReadOnly || f.Role != RoleNone {
			fs = append(fs, f)
		}
	}
	return fs
}

// IsKey reports whether f alone identifies a row of e: the single-column
// primary key, a unique column or the only column of a unique index. Only a
// key can be the target of a foreign key.
func (e *Entity) IsKey(f *Field) bool {
	if f.Unique || (len(e.PrimaryKey) == 1 && e.PrimaryKey[0] == f.Column) {
		return true
	}
	for _, ix := range e.Indexes {
		if ix.Unique && len(ix.Columns) == 1 && ix.Columns[0] == f.Column {
			return true
		}
	}
	return false
}

// DefaultSort is the list order when a request names none, in the sort
// parameter's syntax: newest first by the created_at field when it is
// sortable, else by primary key, else "" (the key breaks ties either way).
func (e *Entity) DefaultSort() string {
	if c := e.RoleField(RoleCreatedAt); c != nil && c.Sortable {
		return "-" + c.JSON
	}
	if pk := e.PK(); pk != nil && pk.Sortable {
		return pk.JSON
	}
	return ""
}

// Entity returns the entity with the given Go name or table name, or nil.
func (s *Schema) Entity(name string) *Entity {
	if i, ok := s.byName[name]; ok && i < len(s.Entities) && (s.Entities[i].Name == name || s.Entities[i].Table == name) {
		return s.Entities[i]
	}
	for _, e := range s.Entities {
		if e.Name == name || e.Table == name {
			return e
		}
	}
	return nil
}

// Target returns the entity and field f's reference points at, or nils when
// f references nothing or a table or column the schema does not hold.
func (s *Schema) Target(f *Field) (*Entity, *Field) {
	if f.References == nil {
		return nil, nil
	}
	if i, ok := s.byTable[strings.ToLower(f.References.Table)]; ok && i < len(s.Entities) && strings.EqualFold(s.Entities[i].Table, f.References.Table) {
		e := s.Entities[i]
		return e, e.Field(f.References.Column)
	}
	for _, e := range s.Entities {
		if strings.EqualFold(e.Table, f.References.Table) {
			return e, e.Field(f.References.Column)
		}
	}
	return nil, nil
}

// index fills the lookup maps of Entity and Target; the first entity of a
// name wins, as in their scans.
func (s *Schema) index() {
	s.byName = make(map[string]int, 2*len(s.Entities))
	s.byTable = make(map[string]int, len(s.Entities))
	first := func(m map[string]int, key string, i int) {
		if _, ok := m[key]; !ok {
			m[key] = i
		}
	}
	for i, e := range s.Entities {
		first(s.byName, e.Name, i)
		first(s.byName, e.Table, i)
		first(s.byTable, strings.ToLower(e.Table), i)
	}
}

// Enforced reports whether the migrations give from's field f a foreign key.
// A reference from an app table to a managed table is not enforced (the auth
// provider may keep its tables in another database, and a token's subject may
// write before having a row there), nor is one to a column that is not a key.
func (s *Schema) Enforced(from *Entity, f *Field) bool {
	target, tf := s.Target(f)
	return tf != nil && !(target.Managed && !from.Managed) && target.IsKey(tf)
}
