package gocode

import (
	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
)

// This file finds the tables whose unique values let the generated tests
// create only a few rows: a unique boolean column holds two rows at most,
// a unique enum one per value. Test body i sends i%2 == 0 for a boolean and
// the enum's values in turn (sampleValue), so bodies i and i+2 collide on a
// unique boolean. The tests of such a table create no more rows than it can
// hold (the resource's maxRows), and the rows of other tables that refer to
// it share its rows as their parents (limitedParent).

// rowLimits returns, per entity that gets tests, how many rows of it the
// generated tests can create in one database before two bodies collide on
// a unique column set; entities without such a limit are left out. A set
// limits the rows when each of its columns cycles: its limit is the least
// common multiple of their cycles. The owner's column is left out of a set
// (the limit then holds per owner too, and a set of the owner alone is
// onePerOwner's), and a reference to a limited table cycles with the
// parent rows its rows share (parentSlots).
func (g *Gen) rowLimits() map[*ir.Entity]int {
	limits := map[*ir.Entity]int{}
	done := map[*ir.Entity]bool{}
	var limit func(e *ir.Entity) int
	limit = func(e *ir.Entity) int {
		if done[e] {
			return limits[e]
		}
		done[e] = true
		a := g.newAPITest(e)
		cycle := func(f *ir.Field) int {
			if p := a.refs[f]; p != nil {
				return parentSlots(p, limit(p)) // the parents come first: refs are acyclic
			}
			if !slicesContains(a.fields, f) {
				return 0 // set by the server, or left out: NULL
			}
			return f.SampleSpan()
		}
		sets := [][]string{e.PrimaryKey}
		for _, f := range e.Fields {
			if f.Unique {
				sets = append(sets, []string{f.Column})
			}
		}
		for _, ix := range e.Indexes {
			if ix.Unique {
				sets = append(sets, ix.Columns)
			}
		}
		least := 0
		for _, set := range sets {
			n, cycles := 1, 0
			for _, c := range set {
				f := e.Field(c)
				if f == nil {
					n = 0
					break
				}
				if f.Role == ir.RoleOwner {
					continue
				}
				k := cycle(f)
				if k == 0 {
					n = 0
					break
				}
				n, cycles = lcm(n, k), cycles+1
			}
			if cycles > 0 && n > 0 && n < 100 && (least == 0 || n < least) {
				least = n
			}
		}
		if least > 0 {
			limits[e] = least
		}
		return least
	}
	for _, e := range g.entities {
		limit(e)
	}
	return limits
}

// parentSlots is how many rows of p, a table the tests can create only
// limit rows of, bodies of another table refer to: body i refers to the row
// of slot i%slots (see limitedParent). When p's rows are the actor's, alice
// and bob have half of them each. 0 means p has no limit: every body has a
// parent of its own.
func parentSlots(p *ir.Entity, limit int) int {
	if limit == 0 {
		return 0
	}
	slots := min(limit, 50) // parents have the body numbers 50 to 99
	if p.Read.Rule == ir.RuleOwner {
		slots = max(1, slots/2)
	}
	return slots
}

func lcm(a, b int) int {
	x, y := a, b
	for y != 0 {
		x, y = y, x%y
	}
	return a / x * b
}

// limitedParentMethod emits (s *server) limitedParent, parent for the
// tables the tests can create only a few rows of.
func limitedParentMethod(f *jen.File) {
	f.Add(docComment("limitedParent returns the parent row that body number i refers to in a table\n" +
		"whose unique values let the tests create only a few of its rows (a unique\n" +
		"boolean: two): bodies whose numbers are equal modulo slots share it. It is\n" +
		"created on first use from body number 50+i%slots, or, with owned, from\n" +
		"50+slots+i%slots for bob, as the actor's rows share the table with the\n" +
		"other's."))
	i, slots := jen.Id("i"), jen.Id("slots")
	f.Func().Params(jen.Id("s").Op("*").Id("server")).Id("limitedParent").Params(
		jen.Id("table").String(), jen.Id("owned").Bool(), jen.List(slots, i).Int(), jen.Id("create").Func().Params(jen.Int()).Map(jen.String()).Any(),
	).Map(jen.String()).Any().Block(
		jen.List(jen.Id("key"), jen.Id("n")).Op(":=").List(
			jen.Qual("fmt", "Sprintf").Call(jen.Lit("%s/%d"), jen.Id("table"), i.Clone().Op("%").Add(slots)),
			jen.Lit(50).Op("+").Add(i).Op("%").Add(slots),
		),
		jen.If(jen.Id("owned")).Block(
			jen.Id("key").Op("=").Id("s").Dot("actor").Op("+").Lit("/").Op("+").Id("key"),
			jen.If(jen.Id("s").Dot("actor").Op("==").Id("bob")).Block(jen.Id("n").Op("+=").Add(slots)),
		),
		jen.If(jen.List(jen.Id("row"), jen.Id("ok")).Op(":=").Id("s").Dot("parents").Index(jen.Id("key")), jen.Id("ok")).Block(jen.Return(jen.Id("row"))),
		jen.Id("row").Op(":=").Id("create").Call(jen.Id("n")),
		jen.Id("s").Dot("parents").Index(jen.Id("key")).Op("=").Id("row"),
		jen.Return(jen.Id("row")),
	)
}
