package openapi

import (
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
)

// This file documents what the access policies and the relations add to an
// entity's paths: public reads without security, 403 for role policies, the
// nested lists under a parent and the link routes of junction tables.

// applyPolicy marks the operations of e's two paths by its policy: reads of a
// read=public entity need no token (security []), and a role policy may
// answer 403.
func applyPolicy(e *ir.Entity, paths *object) {
	base := "/api/" + e.Route
	for _, p := range []struct {
		path, method string
		access       ir.Access
	}{
		{base, "get", e.Read}, {base, "post", e.Write},
		{base + "/{id}", "get", e.Read}, {base + "/{id}", "put", e.Write},
		{base + "/{id}", "patch", e.Write}, {base + "/{id}", "delete", e.Write},
	} {
		op, _ := paths.Get(p.path).(*object).Get(p.method).(*object)
		if op == nil {
			continue
		}
		markAccess(op, p.access)
	}
}

// markAccess sets the security of op for access a: a public route needs no
// token. (The 403 of role policies is an error case of ir.Schema.Errors.)
func markAccess(op *object, a ir.Access) {
	if a.Rule == ir.RulePublic {
		op.Set("security", []any{obj(), obj("bearerAuth", []any{})})
	}
}

// relationPaths adds the nested lists and link routes under e's rows.
func relationPaths(s *ir.Schema, e *ir.Entity, paths *object) {
	base := "/api/" + e.Route + "/{id}"
	for _, r := range s.Children(e) {
		child := r.From
		op := nestedList(s, e, child, "list"+child.Plural+"Of"+e.Name,
			fmt.Sprintf("List the %s of a %s", child.PluralNoun(), e.Noun()),
			fmt.Sprintf("The %s whose %s is the %s's id, as GET /api/%s lists them (the same parameters, envelope and policy). 404 when the caller may not read the %s.",
				child.PluralNoun(), r.Field.JSON, e.Noun(), child.Route, e.Noun()))
		markAccess(op, both(e.Read, child.Read))
		paths.Set(base+"/"+child.Route, obj("parameters", []any{iDParameter(e)}, "get", op))
	}
	for _, l := range s.Links(e) {
		to := l.There.To
		list := nestedList(s, e, to, "list"+to.Plural+"Of"+e.Name,
			fmt.Sprintf("List the %s linked to a %s", to.PluralNoun(), e.Noun()),
			fmt.Sprintf("The %s linked to the %s in %s, as GET /api/%s lists them. 404 when the caller may not read the %s.",
				to.PluralNoun(), e.Noun(), l.Junction.Table, to.Route, e.Noun()))
		markAccess(list, both(e.Read, to.Read))
		paths.Set(base+"/"+to.Route, obj("parameters", []any{iDParameter(e)}, "get", list))

		key := obj(
			"name", l.There.Field.JSON,
			"in", "path",
			"required", true,
			"description", fmt.Sprintf("The %s's %s. One the caller may not read is a 422 naming %s; a malformed one is a 404.", to.Noun(), l.There.TargetField.JSON, l.There.Field.JSON),
			"schema", valueSchema(l.There.TargetField),
		)
		link := operation(e, "link"+to.Name+"To"+e.Name, fmt.Sprintf("Link a %s to a %s", to.Noun(), e.Noun()))
		link.Set("description", fmt.Sprintf("Adds the row of %s; linking twice changes nothing. The %s must be one the caller may write, the %s one the caller may read.",
			l.Junction.Table, e.Noun(), to.Noun()))
		link.Set("responses", linkResponses(s, e, "Linked."))
		unlink := operation(e, "unlink"+to.Name+"From"+e.Name, fmt.Sprintf("Unlink a %s from a %s", to.Noun(), e.Noun()))
		unlink.Set("description", fmt.Sprintf("Removes the row of %s; 404 %s_NOT_FOUND when they were not linked.",
			l.Junction.Table, strings.ToUpper(strings.Join(strings.Fields(l.Junction.Noun()), "_"))))
		unlink.Set("responses", linkResponses(s, e, "Unlinked."))
		markAccess(link, e.Write)
		markAccess(unlink, e.Write)
		paths.Set(base+"/"+to.Route+"/{"+l.There.Field.JSON+"}", obj("parameters", []any{iDParameter(e), key}, "put", link, "delete", unlink))
	}
}

// nestedList is the operation of a list of child rows under a row of
// parent: the errors of child's list, and the 404 of the parent.
func nestedList(s *ir.Schema, parent, child *ir.Entity, id, summary, description string) *object {
	op := operation(child, id, summary)
	op.Set("description", description)
	op.Set("parameters", listParameters(child))
	rs := responses(s, child, ir.OpList, "200", obj(
		"description", "One page of "+child.PluralNoun()+" and the total count.",
		"content", jSONContent(ref("schemas", child.Name+"List")),
	))
	rs.Set("404", ref("responses", parent.Name+"NotFound"))
	op.Set("responses", rs)
	return op
}

// linkResponses are the responses of a link or unlink under a row of e: the
// errors of a get of e, with the 403 of e's write policy instead of its read
// one, and the 422 of a reference the caller may not read.
func linkResponses(s *ir.Schema, e *ir.Entity, done string) *object {
	rs := responses(s, e, ir.OpGet, "204", obj("description", done))
	rs.Del("403")
	if e.Write.Rule == ir.RuleRole {
		rs.Set("403", ref("responses", "Forbidden"))
	}
	rs.Set("422", ref("responses", "ValidationFailed"))
	return rs
}

// both is public when a and b are, else authenticated.
func both(a, b ir.Access) ir.Access {
	if a.Rule == ir.RulePublic && b.Rule == ir.RulePublic {
		return a
	}
	return ir.Access{Rule: ir.RuleAuthenticated}
}
