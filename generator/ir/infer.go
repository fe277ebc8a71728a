package ir

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/naming"
)

// resolveNames builds each draft's Entity and Fields: Go names, SQL table
// name, route, logical types and validation rules.
func (r *resolver) resolveNames() {
	for _, d := range r.drafts {
		e := &Entity{Line: d.pos.Line, Pos: d.pos, Sources: d.sources, Description: d.desc, Indexes: []*Index{}}
		d.e = e
		e.Table = d.table
		if e.Table == "" {
			e.Table = naming.Plural(d.key)
		}
		e.Name = naming.Pascal(d.key)
		taken := map[string]bool{}
		for _, dc := range d.cols {
			if !reSQLName.MatchString(dc.name) {
				safe := naming.SQLName(dc.name)
				for i := 2; d.colByKey[colKey(safe)] != nil && d.colByKey[colKey(safe)] != dc; i++ {
					safe = fmt.Sprintf("%s_%d", naming.SQLName(dc.name), i)
				}
				r.warnf(dc.pos, "column name `%s` is not a SQL identifier; using `%s` (write `%s` in the spec to choose the name yourself)", dc.name, safe, safe)
				delete(d.colByKey, colKey(dc.name))
				dc.name = safe
				d.colByKey[colKey(safe)] = dc
			}
			f := r.field(d, dc)
			f.Name = naming.Pascal(dc.name)
			if reservedFieldNames[f.Name] {
				old := f.Name
				f.Name += "Value"
				r.warnf(dc.pos, "column `%s` of `%s` would be Go field %s, a method of the generated types; it is named %s instead", dc.name, d.name, old, f.Name)
			}
			if taken[f.Name] {
				old := f.Name
				f.Name = naming.Unique(old, taken)
				r.warnf(dc.pos, "column `%s` of `%s` would be Go field %s like another column; it is named %s instead", dc.name, d.name, old, f.Name)
			} else {
				taken[f.Name] = true
			}
			dc.field = f
			e.Fields = append(e.Fields, f)
		}
	}
}

// reservedFieldNames are methods of the generated model types; a field of
// the same name would not compile.
var reservedFieldNames = map[string]bool{"Validate": true}

// field turns a merged column into a Field.
func (r *resolver) field(d *draft, dc *draftCol) *Field {
	fc := &dc.f
	f := &Field{Column: dc.name, JSON: dc.name, Type: dc.typ, Pos: dc.pos, Description: dc.desc}
	if len(fc.enum) > 0 && (f.Type == String || f.Type == Text || f.Type == "" || f.Type == Enum) {
		f.Type = Enum
		f.Enum = dedupe(fc.enum)
	}
	if f.Type == Enum && len(f.Enum) == 0 {
		f.Enum = enumFromProse(dc.phrases + " " + dc.desc)
	}
	if f.Type == Enum && len(f.Enum) == 0 {
		pos := dc.typPos
		if pos.Line == 0 {
			pos = dc.pos
		}
		r.warnf(pos, "enum column `%s` lists no values; crudgen makes it text (write the values in the type, enum('low','high'), or the description, one of: low, high)", dc.name)
		f.Type = Text
	}
	info := f.Type.Info()
	switch {
	case info.Text:
		f.MaxLength = dc.maxLen
		if fc.lenMax > 0 {
			f.MaxLength = fc.lenMax
		} else if fc.hasMaxN && f.MaxLength == 0 {
			f.MaxLength = fc.maxN
		}
		f.MinLength = fc.lenMin
		if f.MinLength == 0 && fc.hasMinN {
			f.MinLength = fc.minN
		}
		f.NotBlank = fc.notBlank
		if f.NotBlank && f.MinLength <= 1 {
			f.MinLength = 0
		}
	case info.Numeric:
		f.Min, f.Max = fc.numMin, fc.numMax
		if !info.Integer {
			if fc.minExclusive && f.Min != nil {
				v := *f.Min - 1
				f.Min = &v
			}
			if fc.maxExclusive && f.Max != nil {
				v := *f.Max + 1
				f.Max = &v
			}
		}
		if f.Min == nil && fc.hasMinN {
			v := float64(fc.minN)
			f.Min = &v
		}
		if f.Max == nil && fc.hasMaxN {
			v := float64(fc.maxN)
			f.Max = &v
		}
	}
	f.PrimaryKey = fc.pk
	f.Unique = fc.unique && !fc.pk
	if fc.nullable != 0 {
		f.Nullable = fc.nullable == nullYes
	} else {
		f.Nullable = dc.unmarkedNullable
	}
	if fc.def != nil {
		d := *fc.def
		f.Default = &d
	}
	f.Format = fc.format
	f.RenamedFrom = fc.renamedFrom
	if fc.index {
		d.indexes = append(d.indexes, &Index{Columns: []string{dc.name}, Unique: fc.unique, Pos: dc.pos})
	}
	return f
}

func dedupe(in []string) []string {
	var out []string
	for _, v := range in {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// draftFor finds the entity a table name written anywhere refers to.
func (r *resolver) draftFor(name string) *draft {
	if d := r.byKey[tableKey(name)]; d != nil {
		return d
	}
	for _, d := range r.drafts {
		if d.e != nil && strings.EqualFold(d.e.Table, name) {
			return d
		}
	}
	return nil
}

func (r *resolver) tableNames() []string {
	var out []string
	for _, d := range r.drafts {
		out = append(out, d.e.Table)
	}
	return out
}

// column finds a column of d by name as written or in another case style.
func (d *draft) column(name string) *draftCol { return d.colByKey[colKey(name)] }

func (d *draft) columnNames() []string {
	var out []string
	for _, dc := range d.cols {
		out = append(out, dc.name)
	}
	return out
}

// resolveIndexes attaches the spec's index declarations to their entities.
func (r *resolver) resolveIndexes() {
	for _, ix := range r.doc.Indexes {
		d := r.draftFor(ix.Table)
		if d == nil {
			if ix.Name != "" {
				msg := fmt.Sprintf("index `%s` is on table `%s`, which the spec does not define; ignored", ix.Name, ix.Table)
				if s := suggest(ix.Table, r.tableNames(), 3); s != "" {
					msg += fmt.Sprintf(" (did you mean `%s`?)", s)
				}
				r.warnf(ix.Pos, "%s", msg)
			}
			continue
		}
		var cols []string
		ok := true
		for _, c := range ix.Columns {
			dc := d.column(c)
			if dc == nil {
				if ix.Name != "" {
					msg := fmt.Sprintf("index `%s` names column `%s`, which `%s` does not have; ignored", ix.Name, c, d.e.Table)
					if s := suggest(c, d.columnNames(), 3); s != "" {
						msg += fmt.Sprintf(" (did you mean `%s`?)", s)
					}
					r.warnf(ix.Pos, "%s", msg)
				}
				ok = false
				break
			}
			cols = append(cols, dc.name)
		}
		switch {
		case !ok:
		case ix.Where != "" && ix.Unique:
			// A partial unique index is not a uniqueness of the column; the IR
			// has no predicates, so it is left out rather than made stricter.
			r.warnf(ix.Pos, "partial unique index `%s` (WHERE %s) is not supported; ignored", ix.Name, ix.Where)
		default:
			d.indexes = append(d.indexes, &Index{Name: ix.Name, Columns: cols, Unique: ix.Unique, Pos: ix.Pos})
		}
	}
	for _, d := range r.drafts {
		for _, u := range d.uniques {
			var cols []string
			for _, c := range u {
				if dc := d.column(c); dc != nil {
					cols = append(cols, dc.name)
				}
			}
			if len(cols) == len(u) && len(cols) > 0 {
				d.indexes = append(d.indexes, &Index{Columns: cols, Unique: true, Pos: d.pos})
			}
		}
	}
}

// resolveRelations applies foreign keys written apart from their columns:
// table constraints, ALTER TABLE, relationship bullets.
func (r *resolver) resolveRelations() {
	apply := func(d *draft, fk *spec.ForeignKey, quiet bool) {
		if len(fk.Columns) != 1 {
			if !quiet {
				r.warnf(fk.Pos, "composite foreign key (%s) of `%s` is not supported; ignored", strings.Join(fk.Columns, ", "), d.e.Table)
			}
			return
		}
		dc := d.column(fk.Columns[0])
		if dc == nil {
			if !quiet {
				r.warnf(fk.Pos, "foreign key names column `%s`, which `%s` does not have; ignored", fk.Columns[0], d.e.Table)
			}
			return
		}
		ref := &refFact{table: fk.RefTable, pos: fk.Pos}
		if schema, table, ok := strings.Cut(fk.RefTable, "."); ok {
			ref.schema, ref.table = schema, table
		}
		if len(fk.RefColumns) == 1 {
			ref.column = fk.RefColumns[0]
		}
		switch {
		case dc.f.ref == nil:
			dc.f.ref, dc.f.fk = ref, true
		case tableKey(dc.f.ref.table) != tableKey(ref.table):
			r.warnf(fk.Pos, "foreign key of `%s.%s` to `%s` conflicts with the definition at %s; keeping the first", d.e.Table, dc.name, fk.RefTable, posString(dc.f.ref.pos))
		}
		if dc.f.onDelete == "" {
			dc.f.onDelete = fk.OnDelete
		}
	}
	for _, d := range r.drafts {
		for _, fk := range d.fks {
			apply(d, fk, false)
		}
	}
	for _, fk := range r.doc.Relations {
		if d := r.draftFor(fk.Table); d != nil {
			apply(d, fk, true)
		}
	}
	r.resolveLinks()
}

// resolveLinks points the FK attributes of diagrams (`int user_id FK`) at the
// entity they name (user_id names users) when a relationship line links the
// two; an FK attribute without such a link stays a foreign key without a
// known target.
func (r *resolver) resolveLinks() {
	linked := map[[2]string]bool{}
	for _, l := range r.doc.Links {
		a, b := tableKey(l.A), tableKey(l.B)
		linked[[2]string{a, b}], linked[[2]string{b, a}] = true, true
	}
	for _, d := range r.drafts {
		for _, dc := range d.cols {
			if dc.source != spec.SourceMermaid || !dc.f.fk || dc.f.ref != nil {
				continue
			}
			stem := fkStem(dc.name)
			target := r.byKey[tableKey(stem)]
			if stem == "" || target == nil || target == d || !linked[[2]string{d.key, target.key}] {
				continue
			}
			dc.f.ref = &refFact{table: target.e.Table, pos: dc.pos}
		}
	}
}

// fkStem returns the entity part of a foreign-key column name: user_id,
// userId and user_ID give "user"; "" when the name has no id suffix.
func fkStem(name string) string {
	k := colKey(name)
	for _, suf := range []string{"_id", "_uuid", "_key"} {
		if stem, ok := strings.CutSuffix(k, suf); ok && stem != "" {
			return stem
		}
	}
	return ""
}

// keyEnums makes enum primary keys strings: a key travels in paths and
// foreign keys as its plain value, so crudgen keeps it a string and checks
// the values on create.
func (r *resolver) keyEnums(d *draft) {
	for _, col := range d.e.PrimaryKey {
		f := d.e.Field(col)
		if f == nil || f.Type != Enum {
			continue
		}
		r.warnf(f.Pos, "primary key `%s.%s` is an enum; crudgen makes it a string key (values %s are not enforced; write `varchar` to be explicit)", d.e.Table, f.Column, strings.Join(f.Enum, ", "))
		f.Type, f.Enum = String, nil
	}
}

// resolveReferences points every foreign key at an entity and column.
func (r *resolver) resolveReferences() {
	for _, d := range r.drafts {
		for _, dc := range d.cols {
			ref := dc.f.ref
			if ref == nil {
				continue
			}
			if ref.schema == "" && ref.column != "" && r.draftFor(ref.table) == nil && (r.draftFor(ref.column) != nil || tableKey(ref.column) == "user") {
				// `auth.users`: a schema and a table, not a table and a column.
				ref.schema, ref.table, ref.column = ref.table, ref.column, ""
			}
			target := r.draftFor(ref.table)
			if ref.schema == "auth" && tableKey(ref.table) == "user" {
				// Supabase's auth.users: the auth provider's table, even
				// when the spec describes a users table of its own.
				target = nil
			}
			if target == nil {
				if tableKey(ref.table) == "user" {
					// The users table is the auth provider's and not described:
					// the column still holds the owner's id.
					what := "which the spec does not describe"
					if ref.schema == "auth" {
						what = "the auth provider's users table"
					}
					if dc.f.pk {
						r.warnf(ref.pos, "`%s.%s` references `%s`, %s; the foreign key is left out", d.e.Table, dc.name, ref.qualified(), what)
					} else {
						r.warnf(ref.pos, "`%s.%s` references `%s`, %s; it is kept as a plain owner id without a foreign key", d.e.Table, dc.name, ref.qualified(), what)
					}
					dc.f.ref, dc.authUser = nil, true
					continue
				}
				msg := fmt.Sprintf("`%s.%s` references unknown table `%s`", d.e.Table, dc.name, ref.table)
				if s := suggest(ref.table, r.tableNames(), 3); s != "" {
					msg += fmt.Sprintf("; did you mean `%s`?", s)
				} else {
					msg += "; describe that table or remove the reference"
				}
				r.errorf(ref.pos, "%s", msg)
				dc.f.ref = nil
				continue
			}
			col := ref.column
			if col == "" {
				col = "id"
				if pk := target.e.PrimaryKey; len(pk) == 1 {
					col = pk[0]
				}
			}
			tc := target.column(col)
			if tc == nil {
				msg := fmt.Sprintf("`%s.%s` references column `%s.%s`, which does not exist", d.e.Table, dc.name, target.e.Table, col)
				if s := suggest(col, target.columnNames(), 3); s != "" {
					msg += fmt.Sprintf("; did you mean `%s`?", s)
				}
				r.errorf(ref.pos, "%s", msg)
				dc.f.ref = nil
				continue
			}
			f := dc.field
			f.References = &Reference{Table: target.e.Table, Column: tc.name, Entity: target.e.Name, OnDelete: Action(dc.f.onDelete)}
			if !dc.typSet || f.Type == "" {
				f.Type = tc.field.Type
				if f.Type == Enum {
					f.Type = String
				}
			}
			if f.Type == Enum {
				r.warnf(dc.pos, "column `%s.%s` is an enum and a reference to `%s.%s`; crudgen makes it a string whose values are the keys of `%s` (drop the enum values or the reference to be explicit)", d.e.Table, dc.name, target.e.Table, tc.name, target.e.Table)
				f.Type, f.Enum = tc.field.Type, nil
			}
		}
	}
	// Columns that still have no type (an untyped FK to a missing table).
	for _, d := range r.drafts {
		for _, dc := range d.cols {
			if dc.field.Type == "" {
				r.warnf(dc.pos, "column `%s` of `%s` has no type; assuming text", dc.name, d.e.Table)
				dc.field.Type = Text
			}
		}
	}
}

// Action normalizes a referential action as written in a spec ("cascade",
// "set_null", "SetNull"…) to its SQL spelling: CASCADE, SET NULL, SET
// DEFAULT, RESTRICT or NO ACTION; unknown or empty actions give "" (the
// database default, NO ACTION). Resolve stores actions normalized.
func Action(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " "))
	switch s {
	case "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION", "":
		return s
	case "SETNULL":
		return "SET NULL"
	case "NOACTION":
		return "NO ACTION"
	}
	return ""
}

// pkColumns returns the primary-key columns as declared (column flags first,
// then a table-level key).
func (d *draft) pkColumns() []string {
	var out []string
	for _, dc := range d.cols {
		if dc.f.pk {
			out = append(out, dc.name)
		}
	}
	if len(out) == 0 {
		for _, c := range d.pk {
			if dc := d.column(c); dc != nil {
				out = append(out, dc.name)
			}
		}
	}
	return out
}

// managedTables are the keys (tableKey) of the tables Better Auth, its
// plugins (jwt's jwks, twoFactor, passkey, apiKey) and its peers (Auth.js's
// verification_token) create, managed when the spec names its auth provider.
var managedTables = tableKeys("user", "session", "account", "verification", "verification_token", "jwks", "two_factor", "passkey", "apikey")

// tableKeys returns the set of the tableKey of each name.
func tableKeys(names ...string) map[string]bool {
	keys := make(map[string]bool, len(names))
	for _, n := range names {
		keys[tableKey(n)] = true
	}
	return keys
}

var (
	createdNames = map[string]bool{"created_at": true, "inserted_at": true, "created_on": true, "created": true, "date_created": true, "creation_date": true, "created_date": true}
	updatedNames = map[string]bool{"updated_at": true, "modified_at": true, "updated_on": true, "modified_on": true, "last_modified": true, "updated": true, "last_updated": true, "date_updated": true, "last_modified_at": true}
	deletedNames = map[string]bool{"deleted_at": true, "removed_at": true, "deleted_on": true}
	ownerNames   = []string{"user_id", "owner_id", "created_by", "author_id", "created_by_id", "owner"}
)

// infer decides what the spec leaves unsaid (DESIGN §2).
func (r *resolver) infer(d *draft) {
	e := d.e
	// Managed tables.
	switch {
	case d.managed != "":
		e.Managed, e.ManagedBy = true, d.managed
	case r.doc.AuthProvider != "" && managedTables[d.key]:
		e.Managed, e.ManagedBy = true, r.doc.AuthProvider
	}
	e.CRUD = !e.Managed

	pk := e.PrimaryKey
	for _, c := range pk {
		f := d.column(c).field
		f.PrimaryKey = true
		f.Nullable = false
		f.Unique = false
	}
	if len(pk) == 1 && (d.column(pk[0]).field.References != nil || naturalKey(d.column(pk[0]))) {
		// A primary key that is also a reference (a one-to-one extension of
		// another table), or a short text code, is chosen by the client,
		// not assigned by the server.
		f := d.column(pk[0]).field
		f.AutoIncrement = false
	} else if len(pk) == 1 {
		f := d.column(pk[0]).field
		f.Role = RoleID
		if f.Type == Float && strings.EqualFold(d.column(pk[0]).typText, "number") {
			f.Type = Int // TypeScript's number: an id is an integer
		}
		info := f.Type.Info()
		switch {
		case info.Integer:
			f.AutoIncrement = f.Default == nil || d.column(pk[0]).f.autoInc
		case info.TakesUUID:
			if f.Default.Is(DefaultUUID) {
				f.Default = nil // the server assigns ids
			}
		}
	} else if len(pk) > 1 && !e.Managed {
		refs := 0
		for _, c := range pk {
			if d.column(c).f.ref != nil || d.column(c).field.References != nil {
				refs++
			}
		}
		e.CRUD = false
		if refs >= 2 {
			e.Junction = true // links, or a warning: see warnJunctions
		} else {
			r.warnf(d.pos, "`%s` has a composite primary key (%s); crudgen creates the table but generates no routes for it", e.Table, strings.Join(pk, ", "))
		}
	}

	// Owner: a column referencing the users table, or a user_id-like column
	// when the spec does not describe the users table.
	if !e.Managed && d.key != "user" {
		var owner *draftCol
		for _, n := range ownerNames {
			dc := d.column(n)
			if dc == nil || dc.field.PrimaryKey {
				continue
			}
			ref := dc.field.References
			if ref != nil && tableKey(ref.Table) == "user" || ref == nil && (dc.authUser || n == "user_id" || n == "owner_id") {
				owner = dc
				break
			}
		}
		if owner == nil {
			for _, dc := range d.cols {
				if ref := dc.field.References; ref != nil && tableKey(ref.Table) == "user" && !dc.field.PrimaryKey {
					owner = dc
					break
				}
			}
		}
		if owner != nil {
			e.OwnerField = owner.name
			owner.field.Role = RoleOwner
		}
	}

	// Timestamps and soft delete.
	for _, dc := range d.cols {
		f := dc.field
		if f.Role != RoleNone {
			continue
		}
		k := colKey(dc.name)
		timeLike := f.Type == Timestamp || f.Type == Date
		switch {
		case createdNames[k] && timeLike:
			f.Role = RoleCreatedAt
		case updatedNames[k] && timeLike:
			f.Role = RoleUpdatedAt
		case deletedNames[k] && timeLike:
			f.Role = RoleDeletedAt
			e.SoftDelete = true
			if !f.Nullable {
				r.warnf(dc.pos, "soft-delete column `%s` must be nullable; crudgen treats it as nullable", dc.name)
				f.Nullable = true
			}
		}
		if dc.f.readOnly || dc.f.serverManaged {
			f.ReadOnly = true
		}
	}
}

// naturalKey reports whether a text primary key is a natural key the client
// chooses ("code varchar(20)"), rather than an id the server generates: a
// server id is a column named id, unbounded or long enough for a UUID, or
// one whose default generates a UUID.
func naturalKey(dc *draftCol) bool {
	f := dc.field
	if f.Type != String && f.Type != Text {
		return false
	}
	if dc.f.def.Is(DefaultUUID) {
		return false
	}
	return colKey(dc.name) != "id" || f.MaxLength > 0 && f.MaxLength < 36
}

// ensurePrimaryKey decides the primary key before references are resolved:
// the declared key, else a column named id, else an added `id` column.
func (r *resolver) ensurePrimaryKey(d *draft) {
	e := d.e
	pk := d.pkColumns()
	if len(pk) == 0 {
		if dc := d.column("id"); dc != nil {
			pk = []string{dc.name}
		} else {
			f := &Field{Name: "ID", Column: "id", JSON: "id", Type: Int, Pos: d.pos}
			dc := &draftCol{name: "id", pos: d.pos, typ: Int, typSet: true, field: f}
			d.cols = append([]*draftCol{dc}, d.cols...)
			d.colByKey["id"] = dc
			e.Fields = append([]*Field{f}, e.Fields...)
			pk = []string{"id"}
			r.warnf(d.pos, "`%s` has no primary key; crudgen adds `id integer primary key` (declare one to choose its type)", e.Table)
			for _, o := range e.Fields[1:] {
				if o.Name == "ID" {
					o.Name = "ID2"
				}
			}
		}
	}
	e.PrimaryKey = pk
}

// finish computes the flags that follow from everything else: read-only,
// required, formats, list capabilities, indexes.
// ListParameters are the query parameters of every list route, which no
// field's equality filter may take the name of (platform.ParseList reads
// them first).
var ListParameters = []string{"limit", "offset", "after", "count", "sort", "q"}

func (r *resolver) finish(d *draft) {
	e := d.e
	indexed := map[string]bool{}
	for _, ix := range d.indexes {
		for _, c := range ix.Columns {
			indexed[c] = true
		}
	}
	for _, dc := range d.cols {
		f := dc.field
		if f.Role != RoleNone {
			f.ReadOnly = true
		}
		if f.Role == RoleID && f.Type == UUID {
			f.Format = "uuid"
		}
		if f.Format == "" {
			f.Format = formatFor(dc.name, f.Type)
		}
		if !f.Type.Info().Text && f.Format != "uuid" {
			if f.Format == "email" || f.Format == "url" {
				f.Format = ""
			}
		}
		info := f.Type.Info()
		queryable := info.ListKind != ""
		f.Sortable = f.PrimaryKey || f.Role == RoleCreatedAt || f.Role == RoleUpdatedAt || (indexed[dc.name] && f.Role == RoleNone && queryable)
		// The server's timestamps filter like any other: the README promises
		// created_at[gte]= on every list.
		timestamps := f.Role == RoleCreatedAt || f.Role == RoleUpdatedAt
		f.Filterable = (f.Role == RoleNone || timestamps) && (queryable && !info.Text || f.References != nil)
		f.Searchable = f.Role == RoleNone && info.Text && f.References == nil && f.Format != "uuid"
		f.Sortable = pick(f.Sortable, dc.opt.sortable)
		f.Filterable = pick(f.Filterable, dc.opt.filterable)
		f.Searchable = pick(f.Searchable, dc.opt.searchable)
		r.decideWriteOnly(d, dc)
		if f.Filterable && slices.Contains(ListParameters, f.JSON) {
			f.Filterable = false
			r.warnf(dc.pos, "column `%s` of `%s` is not filterable: ?%s= is the list's own parameter (the list parameters are %s); rename the column to filter by it",
				dc.name, d.name, f.JSON, strings.Join(ListParameters, ", "))
		}
	}
	// Indexes: single-column unique indexes make the column unique; the
	// rest are kept once each, with a name.
	seen := map[string]*Index{}
	for _, ix := range d.indexes {
		if ix.Unique && len(ix.Columns) == 1 {
			if f := d.column(ix.Columns[0]).field; !f.PrimaryKey {
				f.Unique = true
			}
			continue
		}
		if len(ix.Columns) == 1 && slices.Equal(ix.Columns, e.PrimaryKey) {
			if ix.Name != "" {
				r.warnf(ix.Pos, "index `%s` (%s) is the primary key's, which already indexes `%s`; not created: drop it from the spec's indexes",
					ix.Name, ix.Columns[0], e.Table)
			}
			continue
		}
		key := fmt.Sprint(ix.Unique, ix.Columns)
		if first := seen[key]; first != nil {
			if ix.Name != "" && first.Name != "" && first.Name != ix.Name {
				r.warnf(ix.Pos, "index `%s` (%s) has the columns of index `%s` at %s; not created: drop one of them from the spec's indexes",
					ix.Name, strings.Join(ix.Columns, ", "), first.Name, posString(first.Pos))
			}
			continue
		}
		seen[key] = ix
		if ix.Name == "" {
			prefix := "idx_"
			if ix.Unique {
				prefix = "uq_"
			}
			ix.Name = prefix + e.Table + "_" + strings.Join(ix.Columns, "_")
		}
		e.Indexes = append(e.Indexes, ix)
	}
	if e.CRUD && len(e.PrimaryKey) != 1 {
		e.CRUD = false
	}
	e.Plural = naming.Pascal(naming.Plural(naming.Snake(e.Name)))
	if e.Route == "" {
		e.Route = strings.ToLower(e.Table)
		if !reRoute.MatchString(e.Route) {
			e.Route = naming.Snake(e.Table)
		}
	}
}

func pick(def bool, opt int) bool {
	switch opt {
	case 1:
		return true
	case -1:
		return false
	}
	return def
}

// formatFor infers a string format from a column name.
func formatFor(name string, t Type) string {
	k := colKey(name)
	switch {
	case t == UUID:
		return "uuid"
	case t != String && t != Text:
		return ""
	case k == "email" || strings.HasSuffix(k, "_email") || k == "email_address":
		return "email"
	case k == "url" || strings.HasSuffix(k, "_url") || k == "website" || k == "homepage" || k == "link" || strings.HasSuffix(k, "_link"):
		return "url"
	}
	return ""
}

// validate checks what would not compile or could never work: defaults that
// do not fit their type, enum defaults outside the values, entity name clashes.
func (r *resolver) validate() {
	names := map[string]*draft{}
	routes := map[string]*draft{}
	for _, d := range r.drafts {
		e := d.e
		if o := names[e.Name]; o != nil {
			r.errorf(d.pos, "entity `%s` (table `%s`) has the same Go name as table `%s` at %s; rename one or set `crudgen: name=...`", e.Name, e.Table, o.e.Table, posString(o.pos))
		}
		names[e.Name] = d
		if e.CRUD {
			if o := routes[e.Route]; o != nil {
				r.errorf(d.pos, "route /api/%s of `%s` is also the route of `%s`; set `crudgen: route=...` on one of them", e.Route, e.Table, o.e.Table)
			}
			routes[e.Route] = d
		}
		for _, dc := range d.cols {
			r.validateDefault(d, dc)
			r.checkServerManaged(d, dc)
			f := dc.field
			f.Required = !f.Nullable && f.Default == nil && !f.ReadOnly && !f.AutoIncrement
		}
	}
	r.checkDeclaredNames()
}

// checkDeclaredNames refuses entities whose generated Go types, OpenAPI
// schemas or file names would be declared twice (tasks and task_lists both
// declare TaskList: the list page of Task and the row of TaskList).
func (r *resolver) checkDeclaredNames() {
	type owner struct {
		d    *draft
		what string
	}
	seen := map[string]owner{}
	for _, d := range r.drafts {
		if !d.e.CRUD {
			continue
		}
		if what, ok := ReservedNames[d.e.Name]; ok {
			// A table of errors is a fair thing to keep: rename its types.
			old := d.e.Name
			d.e.Name += "Record"
			d.e.Plural = naming.Pascal(naming.Plural(naming.Snake(d.e.Name)))
			r.warnf(d.pos, "the Go name %s of `%s` is %s; its types are named %s instead (set `crudgen: name=...` under its heading to choose)", old, d.e.Table, what, d.e.Name)
		}
		for _, n := range d.e.DeclaredNames() {
			if what, ok := ReservedNames[n.Name]; ok {
				r.errorf(d.pos, "`%s` would declare %s (its %s), the name of %s; set `crudgen: name=...` under its heading", d.e.Table, n.Name, n.What, what)
				break
			}
			o, dup := seen[n.Name]
			if !dup {
				seen[n.Name] = owner{d, n.What}
				continue
			}
			switch {
			case o.d.e.Name == d.e.Name && o.d != d:
				// Reported above: the same Go name.
			case o.d == d:
				r.errorf(d.pos, "`%s` would declare %s twice (as the %s and the %s); rename a column or an enum value", d.e.Table, strings.TrimPrefix(n.Name, "file:"), o.what, n.What)
			default:
				r.errorf(d.pos, "`%s` would declare %s (its %s), which `%s` at %s declares too (its %s); set `crudgen: name=...` under one of their headings",
					d.e.Table, strings.TrimPrefix(n.Name, "file:"), n.What, o.d.e.Table, posString(o.d.pos), o.what)
			}
			break // one report per entity: the rest follow from the same clash
		}
	}
}

// validateDefault decides the default of a column: a generated value the type
// cannot hold, a database expression, or a literal its type rejects is
// reported and dropped (a warning when the column keeps a sensible meaning,
// an error when the spec contradicts itself); a literal is normalised.
func (r *resolver) validateDefault(d *draft, dc *draftCol) {
	f := dc.field
	def := f.Default
	if def == nil {
		return
	}
	pos := def.Pos
	if pos.Line == 0 {
		def.Pos, pos = dc.pos, dc.pos
	}
	info := f.Type.Info()
	name := d.e.Table + "." + dc.name
	v := def.Value
	if def.Kind == DefaultLiteral && info.TakesNow() && !info.Text {
		// 'now' and 'today' quoted on a time column still mean the current time.
		switch strings.ToLower(v) {
		case "now", "now()", "today", "current_timestamp", "current_date":
			def.Kind, def.Value = DefaultNow, ""
		}
	}
	switch def.Kind {
	case DefaultNow:
		if !info.TakesNow() {
			r.warnf(pos, "default now() of `%s` is the current time, which a column of type %s cannot hold; ignored (write a literal)", name, f.Type)
			f.Default = nil
		}
		return
	case DefaultUUID:
		if !info.TakesUUID {
			r.warnf(pos, "default gen_random_uuid() of `%s` is a UUID, which a column of type %s cannot hold; ignored (make the column uuid, or write a literal)", name, f.Type)
			f.Default = nil
		}
		return
	case DefaultExpr:
		r.warnf(pos, "default `%s` of `%s` is a database expression crudgen cannot evaluate, so the column gets no default and create requests must send `%s`; write a literal, now() or gen_random_uuid() instead", v, name, dc.name)
		f.Default = nil
		return
	}
	// A default that cannot be a value of its column is dropped with a
	// warning: the column keeps its meaning, only the default is lost.
	drop := func(format string, args ...any) {
		r.warnf(pos, format+"; the column gets no default", args...)
		f.Default = nil
	}
	switch info.literal {
	case literalBool:
		switch strings.ToLower(v) {
		case "true", "1", "yes", "on":
			def.Value = "true"
		case "false", "0", "no", "off":
			def.Value = "false"
		default:
			drop("default `%s` of `%s` is not a boolean (write true or false)", v, name)
		}
	case literalInt:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			drop("default `%s` of `%s` is not an integer", v, name)
		}
	case literalNumber:
		if _, err := strconv.ParseFloat(v, 64); err != nil || strings.ContainsAny(v, "xXpPnN_") {
			drop("default `%s` of `%s` is not a number", v, name)
		}
	case literalEnum:
		if !slices.Contains(f.Enum, v) {
			msg := fmt.Sprintf("default `%s` of `%s` is not one of its values (%s)", v, name, strings.Join(f.Enum, ", "))
			if s := suggest(v, f.Enum, 2); s != "" {
				msg += fmt.Sprintf(" (did you mean `%s`?)", s)
			}
			drop("%s", msg)
		}
	case literalTime:
		if !looksLikeTime(v) {
			drop("default `%s` of `%s` is not a time crudgen understands (write now() or a time such as 2024-01-31)", v, name)
		}
	case literalUUID:
		if len(v) != 36 {
			drop("default `%s` of `%s` is not a UUID", v, name)
		}
	case literalText:
		if f.MaxLength > 0 && len(v) > f.MaxLength {
			drop("default `%s` of `%s` is longer than its maximum length %d", v, name, f.MaxLength)
		}
	}
}

func looksLikeTime(v string) bool {
	return len(v) >= 5 && v[0] >= '0' && v[0] <= '9'
}

var reProseList = regexp.MustCompile(`\(\s*['"]?([A-Za-z0-9_-]+)['"]?((?:\s*[,|]\s*['"]?[A-Za-z0-9_-]+['"]?)+)\s*\)`)

// enumFromProse finds the values of an enum column whose type says enum and
// whose description lists values in parentheses: "(todo, in_progress, done)".
func enumFromProse(desc string) []string {
	m := reProseList.FindStringSubmatch(desc)
	if m == nil {
		return nil
	}
	return splitLiterals(m[1] + m[2])
}

// warnUnowned points at a users table with routes in a spec where other
// entities have owners: its policy, not ownership, decides who reads and
// changes every user, which is rarely what the author meant.
func (r *resolver) warnUnowned() {
	owned := false
	for _, d := range r.drafts {
		owned = owned || d.e.CRUD && d.e.OwnerField != ""
	}
	if !owned {
		return
	}
	for _, d := range r.drafts {
		if d.e.CRUD && d.e.OwnerField == "" && !d.ownerNone && d.key == "user" {
			r.warnf(d.pos, "`%s` owns other tables but gets routes of its own: %s can read every user, and %s can change them; write `crudgen: managed=on` under its heading when an auth provider maintains it, or `crudgen: owner=none` to keep the routes", d.e.Table, d.e.Read.Who(), d.e.Write.Who())
		}
	}
}
