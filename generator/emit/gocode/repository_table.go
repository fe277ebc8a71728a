package gocode

import (
	"github.com/dave/jennifer/jen"
)

// This file emits the part of repository.go that every store embeds: type
// queries, the statements of one entity in one dialect, and type table,
// which reads rows with them (Get, List and the narrowed lists of nested and
// linked routes), so that each entity's store keeps only its statements, its
// scan and its writes.

// tableType emits type queries, type table and the methods of table; withListWhere
// adds listWhere, which only stores with nested or linked lists call, and
// withLinks linkable, which the Add and Remove methods of links call.
func (g *Gen) tableType(f *jen.File, withListWhere, withLinks bool) {
	f.Add(docComment("queries holds the SQL of a store in one dialect. list and count are completed at\n" +
		"run time by the WHERE and ORDER BY of platform.ListParams.SQL."))
	f.Type().Id("queries").Struct(jen.Id("insert").Op(",").Id("get").Op(",").Id("update").Op(",").Id("delete").Op(",").Id("count").Op(",").Id("list").String())

	f.Add(docComment("table is what the store of one entity embeds: its statements and the reads\n" +
		"every store does the same way. T is the entity's row type, K the Go type of\n" +
		"its key. The statements of q are scoped to one owner's rows, and all holds the\n" +
		"same over every owner's rows; all is nil when the entity has no owner, and q\n" +
		"then reaches every row."))
	f.Type().Id("table").Types(jen.Id("T").Any(), jen.Id("K").Any()).Struct(
		jen.Id("db").Op("*").Qual(g.platform, "DB"),
		jen.Id("policy").Op("*").Qual(g.platform, "Policy").Comment("who may read and who may write the rows: the entity's variable, read on each call"),
		jen.Id("q").Id("queries"),
		jen.Id("all").Op("*").Id("queries"),
		jen.Id("scan").Add(scanType()).Comment("reads a row selected as the entity's columns"),
		jen.Id("noun").Op(",").Id("plural").String().Comment(`the entity in errors: "task", "tasks"`),
	)
	recv := func() *jen.Statement {
		return jen.Func().Params(jen.Id("t").Op("*").Id("table").Types(jen.Id("T"), jen.Id("K")))
	}
	ctx := []jen.Code{jen.Id("ctx").Qual("context", "Context"), jen.Id("who").Qual(g.platform, "Principal")}
	page := []jen.Code{jen.Index().Id("T"), jen.Int(), jen.Error()}
	listFail := jen.If(jen.Err().Op("!=").Nil()).Block(
		jen.Return(jen.Nil(), jen.Lit(0), jen.Qual("fmt", "Errorf").Call(jen.Lit("list %s: %w"), jen.Id("t").Dot("plural"), jen.Err())))

	f.Add(docComment("queries returns the statements a caller who uses access a runs, and the\n" +
		"arguments of their scope, which come last: the owner, or none when a lets who\n" +
		"reach every row."))
	f.Add(recv()).Id("queries").Params(jen.Id("a").Qual(g.platform, "Access"), jen.Id("who").Qual(g.platform, "Principal")).Params(jen.Id("queries"), jen.Index().Any()).Block(
		jen.If(jen.Id("t").Dot("all").Op("==").Nil()).Block(jen.Return(jen.Id("t").Dot("q"), jen.Nil())),
		jen.If(jen.List(jen.Id("owner"), jen.Id("ok")).Op(":=").Id("a").Dot("Owner").Call(jen.Id("who")), jen.Id("ok")).Block(
			jen.Return(jen.Id("t").Dot("q"), jen.Index().Any().Values(jen.Id("owner"))),
		),
		jen.Return(jen.Op("*").Id("t").Dot("all"), jen.Nil()),
	)

	f.Add(docComment("Get returns the row with the given id, or an error wrapping platform.ErrNotFound."))
	f.Add(recv()).Id("Get").Params(append(ctx, jen.Id("id").Id("K"))...).Params(jen.Id("T"), jen.Error()).Block(
		jen.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("t").Dot("queries").Call(jen.Id("t").Dot("policy").Dot("Read"), jen.Id("who")),
		jen.List(jen.Id("row"), jen.Err()).Op(":=").Id("queryOne").Call(jen.Id("ctx"), jen.Id("t").Dot("db").Dot("Read"), jen.Id("t").Dot("scan"), jen.Id("q").Dot("get"),
			jen.Append(jen.Index().Any().Values(jen.Id("id")), jen.Id("scope").Op("...")).Op("...")),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			jen.Var().Id("zero").Id("T"),
			jen.Return(jen.Id("zero"), jen.Qual("fmt", "Errorf").Call(jen.Lit("get %s %v: %w"), jen.Id("t").Dot("noun"), jen.Id("id"), jen.Err())),
		),
		jen.Return(jen.Id("row"), jen.Nil()),
	)

	f.Add(docComment("List returns one page of the rows selected, sorted and paged by p, and the\nnumber of rows that match p's filters on all pages."))
	f.Add(recv()).Id("List").Params(append(ctx, jen.Id("p").Qual(g.platform, "ListParams"))...).Params(page...).Block(
		jen.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("t").Dot("queries").Call(jen.Id("t").Dot("policy").Dot("Read"), jen.Id("who")),
		jen.List(jen.Id("items"), jen.Id("total"), jen.Err()).Op(":=").Id("listPage").Call(jen.Id("ctx"), jen.Id("t").Dot("db"), jen.Id("t").Dot("scan"),
			jen.Id("q").Dot("count"), jen.Id("q").Dot("list"), jen.Id("p"), jen.Id("scope").Op("...")),
		listFail,
		jen.Return(jen.Id("items"), jen.Id("total"), jen.Nil()),
	)
	f.Add(docComment("unchanged returns the row with the given id as who may write it: the answer to\na patch that changes nothing."))
	f.Add(recv()).Id("unchanged").Params(append(ctx, jen.Id("id").Id("K"))...).Params(jen.Id("T"), jen.Error()).Block(
		jen.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("t").Dot("queries").Call(jen.Id("t").Dot("policy").Dot("Write"), jen.Id("who")),
		jen.List(jen.Id("row"), jen.Err()).Op(":=").Id("queryOne").Call(jen.Id("ctx"), jen.Id("t").Dot("db").Dot("Read"), jen.Id("t").Dot("scan"), jen.Id("q").Dot("get"),
			jen.Append(jen.Index().Any().Values(jen.Id("id")), jen.Id("scope").Op("...")).Op("...")),
		jen.Return(jen.Id("result").Call(jen.Id("row"), jen.Err(), jen.Lit("patch %s %v"), jen.Id("t").Dot("noun"), jen.Id("id"))),
	)
	if withLinks {
		g.linkableMethod(f)
	}
	if !withListWhere {
		return
	}
	f.Add(docComment("listWhere is List narrowed by cond, a condition with one \"?\" that arg is\nbound to."))
	f.Add(recv()).Id("listWhere").Params(append(ctx, jen.Id("p").Qual(g.platform, "ListParams"), jen.Id("cond").String(), jen.Id("arg").Any())...).Params(page...).Block(
		jen.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("t").Dot("queries").Call(jen.Id("t").Dot("policy").Dot("Read"), jen.Id("who")),
		jen.Id("and").Op(":=").Lit(" AND ").Op("+").Qual("strings", "Replace").Call(jen.Id("cond"), jen.Lit("?"),
			jen.Id("t").Dot("db").Dot("Dialect").Dot("Placeholder").Call(jen.Len(jen.Id("scope")).Op("+").Lit(1)), jen.Lit(1)),
		jen.List(jen.Id("items"), jen.Id("total"), jen.Err()).Op(":=").Id("listPage").Call(jen.Id("ctx"), jen.Id("t").Dot("db"), jen.Id("t").Dot("scan"),
			jen.Id("q").Dot("count").Op("+").Id("and"), jen.Id("q").Dot("list").Op("+").Id("and"), jen.Id("p"), jen.Append(jen.Id("scope"), jen.Id("arg")).Op("...")),
		listFail.Clone(),
		jen.Return(jen.Id("items"), jen.Id("total"), jen.Nil()),
	)
}

// linkableMethod emits (t *table[T, K]) linkable, the checks of a change to a
// junction row, and unlink, which deletes one.
func (g *Gen) linkableMethod(f *jen.File) {
	f.Add(docComment("unlink runs query, which deletes the junction row of a link with args, and\n" +
		"returns the 404 code with detail when there was none."))
	f.Func().Id("unlink").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("tx").Op("*").Qual(g.platform, "Tx"),
		jen.List(jen.Id("query"), jen.Id("code"), jen.Id("detail")).String(), jen.Id("args").Op("...").Any()).Error().Block(
		jen.Err().Op(":=").Id("execOne").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("query"), jen.Id("args").Op("...")),
		jen.If(jen.Qual("errors", "Is").Call(jen.Err(), jen.Qual(g.platform, "ErrNotFound"))).Block(
			jen.Return(jen.Qual(g.platform, "NotLinked").Call(jen.Id("code"), jen.Id("detail"))),
		),
		jen.Return(jen.Err()),
	)
	f.Add(docComment("linkable checks, in the transaction tx of a change to a junction row, that the\n" +
		"row of t with key id is one who may write (else platform.ErrNotFound) and that\n" +
		"other is the key of a row who may read under read (else the 422 of field; see\n" +
		"checkRef, which runs query and owned)."))
	f.Func().Params(jen.Id("t").Op("*").Id("table").Types(jen.Id("T"), jen.Id("K"))).Id("linkable").Params(
		jen.Id("ctx").Qual("context", "Context"), jen.Id("tx").Op("*").Qual(g.platform, "Tx"), jen.Id("who").Qual(g.platform, "Principal"), jen.Id("id").Id("K"),
		jen.Id("read").Qual(g.platform, "Access"), jen.List(jen.Id("field"), jen.Id("noun"), jen.Id("query"), jen.Id("owned")).String(), jen.Id("other").Any(),
	).Error().Block(
		jen.List(jen.Id("q"), jen.Id("scope")).Op(":=").Id("t").Dot("queries").Call(jen.Id("t").Dot("policy").Dot("Write"), jen.Id("who")),
		jen.If(jen.Err().Op(":=").Id("orNotFound").Call(jen.Id("ctx"), jen.Id("tx"), jen.Nil(), jen.Id("q").Dot("get"),
			jen.Append(jen.Index().Any().Values(jen.Id("id")), jen.Id("scope").Op("...")).Op("...")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
		jen.Return(jen.Id("checkRef").Call(jen.Id("ctx"), jen.Id("tx"), jen.Id("read"), jen.Id("who"), jen.Id("field"), jen.Id("noun"), jen.Id("query"), jen.Id("owned"), jen.Id("other"))),
	)
}
