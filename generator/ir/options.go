package ir

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/naming"
)

// The options line: a paragraph, blockquote line or HTML comment under an
// entity's heading that starts with `crudgen:` and holds space-separated
// key=value pairs; list values are comma-separated. For example:
//
//	crudgen: route=todos owner=user_id soft_delete=off sortable=title,-priority
//
// Keys:
//
//	name=Todo            Go type name of the entity
//	table=todo_items     SQL table name
//	route=todos          path segment under /api
//	owner=user_id|none   the owner column, or none for an unowned entity
//	soft_delete=on|off|<column>
//	crud=on|off          whether the entity gets routes
//	managed=on|off|<provider>
//	sortable=a,b,-c      add (or with -, remove) list capabilities
//	filterable=...
//	searchable=...
//	events=on|off|created,updated,deleted
//	                     publish the entity's changes (see Entity.Events)
//	read=owner|authenticated|public|role:NAME   who may read (see policy.go)
//	write=owner|authenticated|role:NAME         who may write
//	readonly=a,b         server-managed columns a client never writes
//	writeonly=a,b,-c|none
//	                     columns no response carries (see Field.WriteOnly)
var optionKeys = []string{"name", "table", "route", "owner", "soft_delete", "crud", "managed", "sortable", "filterable", "searchable", "renamed_from", "events", "read", "write", "readonly", "writeonly"}

var (
	reGoName  = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	reSQLName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	reRoute   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
)

func normKey(k string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(k)), "-", "_")
}

// applyNameOptions applies the options that change names (name, table,
// route) before references are resolved, and rejects unknown keys.
func (r *resolver) applyNameOptions(d *draft) {
	for _, o := range d.options {
		k := normKey(o.Key)
		switch k {
		case "name":
			if r.optionMatches(o, k, o.Value, reGoName, "the entity name must be an exported Go identifier such as `Todo`") {
				d.e.Name = o.Value
			}
		case "renamed_from":
			if r.optionMatches(o, k, o.Value, reSQLName, "write the table's previous name, letters, digits and underscores") {
				d.e.RenamedFrom = o.Value
			}
		case "table":
			if r.optionMatches(o, k, o.Value, reSQLName, "a table name is letters, digits and underscores") {
				d.e.Table = o.Value
			}
		case "route":
			v := strings.TrimPrefix(strings.Trim(o.Value, "/"), "api/")
			if r.optionMatches(o, k, v, reRoute, "a route is one lower-case path segment such as `todos`") {
				d.e.Route = v
			}
		default:
			if !slices.Contains(optionKeys, k) {
				msg := fmt.Sprintf("unknown option `%s`", o.Key)
				if s := suggest(k, optionKeys, 3); s != "" {
					msg += fmt.Sprintf("; did you mean `%s`?", s)
				} else {
					msg += fmt.Sprintf(" (known: %s)", strings.Join(optionKeys, ", "))
				}
				r.errorf(o.Pos, "%s", msg)
			}
		}
	}
}

// optionMatches reports whether v, the value of option o with key key,
// matches re; when it does not, it reports an error at the value that says
// what rule requires.
func (r *resolver) optionMatches(o spec.Option, key, v string, re *regexp.Regexp, rule string) bool {
	if re.MatchString(v) {
		return true
	}
	r.errorf(o.ValuePos, "option %s=%s: %s", key, o.Value, rule)
	return false
}

// onOff reads a boolean option value; ok is false when it is not one.
func onOff(v string) (on, ok bool) {
	switch strings.ToLower(v) {
	case "", "on", "true", "yes", "1":
		return true, true
	case "off", "false", "no", "0", "none":
		return false, true
	}
	return false, false
}

// applyOptions applies the options that override inference.
func (r *resolver) applyOptions(d *draft) {
	e := d.e
	col := func(o spec.Option, name string) *draftCol {
		dc := d.column(name)
		if dc == nil {
			msg := fmt.Sprintf("option %s names column `%s`, which `%s` does not have", o.Key, name, e.Table)
			if s := suggest(name, d.columnNames(), 3); s != "" {
				msg += fmt.Sprintf("; did you mean `%s`?", s)
			}
			r.errorf(o.ValuePos, "%s", msg)
		}
		return dc
	}
	for _, o := range d.options {
		k := normKey(o.Key)
		switch k {
		case "owner":
			if on, ok := onOff(o.Value); ok && !on {
				if f := e.Owner(); f != nil {
					f.Role = RoleNone
				}
				e.OwnerField = ""
				d.ownerNone = true
				continue
			}
			dc := col(o, o.Value)
			if dc == nil {
				continue
			}
			if f := e.Owner(); f != nil {
				f.Role = RoleNone
			}
			e.OwnerField = dc.name
			dc.field.Role = RoleOwner
		case "soft_delete":
			on, ok := onOff(o.Value)
			if !ok {
				dc := col(o, o.Value)
				if dc == nil {
					continue
				}
				if dc.field.Type != Timestamp {
					r.errorf(o.ValuePos, "option soft_delete=%s: the column must be a nullable timestamp", o.Value)
					continue
				}
				for _, f := range e.Fields {
					if f.Role == RoleDeletedAt {
						f.Role = RoleNone
					}
				}
				dc.field.Role, dc.field.Nullable, e.SoftDelete = RoleDeletedAt, true, true
				continue
			}
			if !on {
				for _, f := range e.Fields {
					if f.Role == RoleDeletedAt {
						f.Role = RoleNone
					}
				}
				e.SoftDelete = false
			} else if !e.SoftDelete {
				r.errorf(o.ValuePos, "option soft_delete=on: `%s` has no deleted_at column; add `deleted_at timestamp NULL` or name the column (soft_delete=<column>)", e.Table)
			}
		case "crud":
			on, ok := onOff(o.Value)
			if !ok {
				r.errorf(o.ValuePos, "option crud=%s: write on or off", o.Value)
				continue
			}
			if on && len(e.PrimaryKey) != 1 {
				r.errorf(o.ValuePos, "option crud=on: `%s` needs a single-column primary key for routes", e.Table)
				continue
			}
			e.CRUD = on
		case "managed":
			on, ok := onOff(o.Value)
			switch {
			case !ok:
				e.Managed, e.ManagedBy, e.CRUD = true, o.Value, false
			case on:
				e.Managed, e.CRUD = true, false
				if e.ManagedBy == "" {
					e.ManagedBy = "external"
				}
			default:
				e.Managed, e.ManagedBy = false, ""
				e.CRUD = len(e.PrimaryKey) == 1 && !e.Junction
			}
		case "events":
			r.applyEventsOption(d, o)
		case "readonly":
			r.applyReadonly(o, col)
		case "writeonly":
			r.applyWriteonly(d, o, col)
		case "sortable", "filterable", "searchable":
			eachListed(o.Value, func(name string, v int) {
				dc := col(o, name)
				if dc == nil {
					return
				}
				switch k {
				case "sortable":
					dc.opt.sortable = v
				case "filterable":
					dc.opt.filterable = v
				case "searchable":
					dc.opt.searchable = v
				}
			})
		}
	}
}

// eachListed calls fn with each name of value, a comma-separated list
// option such as sortable=title,-priority, and 1, or -1 for a name written
// with a leading "-" (which fn gets without it).
func eachListed(value string, fn func(name string, v int)) {
	for _, name := range strings.Split(value, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		v := 1
		if strings.HasPrefix(name, "-") {
			v, name = -1, name[1:]
		}
		fn(name, v)
	}
}

// suggest returns the candidate closest to s by edit distance when it is
// within maxDist and closer than half of s's length, else "".
func suggest(s string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	ls := strings.ToLower(s)
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		d := naming.Distance(ls, strings.ToLower(c))
		if d < bestD && d*2 < len(ls)+1 {
			best, bestD = c, d
		}
	}
	if strings.EqualFold(best, s) {
		return ""
	}
	return best
}

// applyEventsOption reads events=on|off|<kinds>: on is every kind, a list
// names some of created, updated and deleted.
func (r *resolver) applyEventsOption(d *draft, o spec.Option) {
	d.eventsPos = o.ValuePos
	if on, ok := onOff(o.Value); ok {
		d.e.Events = nil
		if on {
			d.e.Events = slices.Clone(EventKinds)
		}
		return
	}
	var kinds []EventKind
	for _, k := range strings.Split(o.Value, ",") {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		if !slices.Contains(EventKinds, EventKind(k)) {
			r.errorf(o.ValuePos, "option events=%s: `%s` is not an event kind; write on, off, or a list of created, updated, deleted", o.Value, k)
			return
		}
		if !slices.Contains(kinds, EventKind(k)) {
			kinds = append(kinds, EventKind(k))
		}
	}
	// In the order of EventKinds, whatever the order written.
	d.e.Events = slices.DeleteFunc(slices.Clone(EventKinds), func(k EventKind) bool { return !slices.Contains(kinds, k) })
}
