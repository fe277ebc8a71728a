package gocode

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// This file emits TestRelations into main_test.go: the relation tests of
// relations_test.go (a template) run on every relationship the tests can
// build rows for.

// relationCases are the rows of TestRelations' three tables.
type relationCases struct {
	nested, cross, links []jen.Code
}

// HasRelationTests reports whether the schema has a relationship the
// generated tests exercise, and so needs relations_test.go.
func (g *Gen) HasRelationTests() bool {
	c := g.relationCases()
	return len(c.nested)+len(c.cross)+len(c.links) > 0
}

// relationCases collects the relationships the tests can build rows for:
// nested lists and cross-owner references of required references whose parent
// the tests create, and links between two routed entities.
func (g *Gen) relationCases() relationCases {
	var c relationCases
	for _, parent := range g.entities {
		for _, r := range g.schema.Children(parent) {
			a := g.newAPITest(r.From)
			if a.refs[r.Field] != parent {
				continue // a nullable reference, or one the tests do not fill
			}
			c.nested = append(c.nested, jen.Values(jen.Dict{
				jen.Id("name"):        jen.Lit(fmt.Sprintf("%s under %s", r.From.Route, parent.Route)),
				jen.Id("parent"):      jen.Id(resourceVar(parent)),
				jen.Id("child"):       jen.Id(resourceVar(r.From)),
				jen.Id("field"):       jen.Lit(r.Field.JSON),
				jen.Id("route"):       jen.Lit(r.From.Route),
				jen.Id("parentOwned"): jen.Lit(parent.Read.Rule == ir.RuleOwner),
			}))
		}
		for _, l := range g.schema.Links(parent) {
			server := resourceVar(parent)
			if !g.needsOwners(parent) && g.needsOwners(l.There.To) {
				server = resourceVar(l.There.To)
			}
			c.links = append(c.links, jen.Values(jen.Dict{
				jen.Id("name"):       jen.Lit(fmt.Sprintf("%s of %s", l.There.To.Route, parent.Route)),
				jen.Id("here"):       jen.Id(resourceVar(parent)),
				jen.Id("there"):      jen.Id(resourceVar(l.There.To)),
				jen.Id("route"):      jen.Lit(l.There.To.Route),
				jen.Id("mirror"):     jen.Lit(parent.Route),
				jen.Id("code"):       jen.Lit(l.Junction.NotFoundCode()),
				jen.Id("hereOwned"):  jen.Lit(parent.Write.Rule == ir.RuleOwner),
				jen.Id("hereHidden"): jen.Lit(parent.Read.Rule == ir.RuleOwner),
				jen.Id("newServer"):  jen.Id(server).Dot("newServer"),
			}))
		}
	}
	for _, e := range g.entities {
		if cc := g.crossCase(e); cc != nil {
			c.cross = append(c.cross, cc)
		}
	}
	return c
}

// crossCase returns the cross-owner case of e: when e's body carries exactly
// one reference to an owned entity that bob may not read, and bob may create
// rows of e, bob's create with alice's parent must fail like one with no
// parent. nil when there is no such reference.
func (g *Gen) crossCase(e *ir.Entity) jen.Code {
	if e.Write.Rule == ir.RuleRole {
		return nil
	}
	a := g.newAPITest(e)
	var found *ir.Ref
	for _, r := range g.schema.Checked(e) {
		if a.refs[r.Field] == nil || r.To.Read.Rule != ir.RuleOwner {
			continue
		}
		if found != nil {
			return nil // the first refused reference would hide the second
		}
		found = &r
	}
	if found == nil {
		return nil
	}
	var missing jen.Code = jen.Lit("does-not-exist")
	switch {
	case found.TargetField.Type.Info().Integer:
		missing = jen.Lit(999999)
	case found.TargetField.Type == ir.UUID:
		missing = jen.Lit("00000000-0000-4000-8000-000000000000")
	}
	return jen.Values(jen.Dict{
		jen.Id("name"):    jen.Lit(fmt.Sprintf("%s.%s", e.Route, found.Field.JSON)),
		jen.Id("child"):   jen.Id(resourceVar(e)),
		jen.Id("field"):   jen.Lit(found.Field.JSON),
		jen.Id("missing"): missing,
	})
}

// relationsTest emits TestRelations when the schema has relationships to test.
func (g *Gen) relationsTest(f *jen.File) {
	c := g.relationCases()
	if len(c.nested)+len(c.cross)+len(c.links) == 0 {
		return
	}
	f.Add(docComment("TestRelations runs the relation tests of relations_test.go on every\n" +
		"relationship: nested lists under their parent, references to another owner's\n" +
		"rows, and many-to-many links."))
	f.Func().Id("TestRelations").Params(tT()).BlockFunc(func(b *jen.Group) {
		table := func(typ, test string, rows []jen.Code) {
			if len(rows) == 0 {
				return
			}
			b.For(jen.List(jen.Id("_"), jen.Id("tc")).Op(":=").Range().Index().Id(typ).CustomFunc(multiLine, func(v *jen.Group) {
				for _, r := range rows {
					v.Add(r)
				}
			})).Block(
				jen.Id("t").Dot("Run").Call(jen.Lit(typ+"/").Op("+").Id("tc").Dot("name"), jen.Func().Params(tT()).Block(jen.Id(test).Call(jen.Id("t"), jen.Id("tc")))),
			)
		}
		table("nestedList", "testNestedList", c.nested)
		table("crossRef", "testCrossRef", c.cross)
		table("link", "testLink", c.links)
	})
}
