package ir

import (
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
)

// Access policies. Every routed entity has a read and a write Access, from
// its options line or by default:
//
//	crudgen: read=public write=owner
//	crudgen: read=role:staff write=role:editor
//
// read is owner, authenticated, public or role:NAME; write is owner,
// authenticated or role:NAME (writes always need a token). An owned entity
// defaults to read=owner write=owner, which scopes every statement to the
// caller's rows. An entity without an owner defaults to read=authenticated
// write=role:admin, with a warning that says how to choose: a spec without
// owners no longer lets every signed-in user change every row. The admin
// role (ADMIN_ROLE at run time, "admin" by default) reads and writes every
// row of every entity.

// applyPolicy sets the entity's read and write access: the defaults, then
// the read= and write= options.
func (r *resolver) applyPolicy(d *draft) {
	e := d.e
	if e.OwnerField != "" {
		e.Read, e.Write = Access{Rule: RuleOwner}, Access{Rule: RuleOwner}
	} else {
		e.Read, e.Write = Access{Rule: RuleAuthenticated}, Access{Rule: RuleRole, Role: "admin"}
	}
	wroteWrite := false
	for _, o := range d.options {
		k := normKey(o.Key)
		if k != "read" && k != "write" {
			continue
		}
		a, ok := r.parseAccess(d, o, k == "write")
		if !ok {
			continue
		}
		if k == "read" {
			e.Read = a
		} else {
			e.Write, wroteWrite = a, true
		}
	}
	if e.CRUD && e.OwnerField == "" && !wroteWrite {
		r.warnf(d.pos, "`%s` has no owner column: %s may read its rows and only %s may change them; "+
			"write `crudgen: write=authenticated` (or read=public, role:NAME) under its heading to choose, or name its owner with owner=<column>", e.Table, e.Read.Who(), e.Write.Who())
	}
}

// parseAccess reads the value of a read= or write= option.
func (r *resolver) parseAccess(d *draft, o spec.Option, write bool) (Access, bool) {
	v := strings.TrimSpace(o.Value)
	key := "read"
	if write {
		key = "write"
	}
	if strings.HasPrefix(strings.ToLower(v), "role:") {
		role := strings.TrimSpace(v[len("role:"):])
		if role == "" || !reSQLName.MatchString(role) {
			r.errorf(o.ValuePos, "option %s=%s: write the role's name after `role:`, letters, digits and underscores, such as `role:editor`", key, v)
			return Access{}, false
		}
		return Access{Rule: RuleRole, Role: role}, true
	}
	rule := Rule(strings.ToLower(v))
	switch rule {
	case RuleOwner:
		if d.e.OwnerField == "" {
			r.errorf(o.ValuePos, "option %s=owner: `%s` has no owner column; name it with `owner=<column>` or write %s=authenticated", key, d.e.Table, key)
			return Access{}, false
		}
	case RuleAuthenticated:
	case RulePublic:
		if write {
			r.errorf(o.ValuePos, "option write=public: writes always need a signed-in caller; write `write=authenticated` or `write=owner`")
			return Access{}, false
		}
	default:
		choices := "owner, authenticated, public or role:NAME"
		if write {
			choices = "owner, authenticated or role:NAME"
		}
		msg := "option " + key + "=" + v + ": write " + choices
		if s := suggest(v, []string{"owner", "authenticated", "public"}, 3); s != "" {
			msg += "; did you mean `" + key + "=" + s + "`?"
		}
		r.errorf(o.ValuePos, "%s", msg)
		return Access{}, false
	}
	return Access{Rule: rule}, true
}

// applyReadonly applies readonly=a,b: each column named, found with col,
// becomes server-managed.
func (r *resolver) applyReadonly(o spec.Option, col func(spec.Option, string) *draftCol) {
	for _, name := range strings.Split(o.Value, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if dc := col(o, name); dc != nil {
			r.markServerManaged(o, dc)
		}
	}
}

// markServerManaged makes a column of a readonly= option server-managed: a
// client never writes it (422 READ_ONLY_FIELD), PUT leaves it as it is, and
// application code changes it through the store (see the repository's
// package documentation).
func (r *resolver) markServerManaged(o spec.Option, dc *draftCol) {
	f := dc.field
	if f.PrimaryKey || f.Role != RoleNone {
		r.warnf(o.ValuePos, "option readonly names `%s`, which the server already sets; leave it out", dc.name)
		return
	}
	dc.f.serverManaged = true
	f.ReadOnly = true
}

// checkServerManaged refuses a server-managed column that an insert could
// not leave out: NOT NULL without a default.
func (r *resolver) checkServerManaged(d *draft, dc *draftCol) {
	f := dc.field
	if !dc.f.serverManaged || f.Role != RoleNone || f.PrimaryKey || f.Nullable || f.Default != nil || f.AutoIncrement {
		return
	}
	r.errorf(dc.pos, "column `%s.%s` is server-managed (read-only for clients) and NOT NULL without a default, so a new row could not be inserted; "+
		"give it a default (`DEFAULT 0`) or make it nullable", d.e.Table, dc.name)
}
