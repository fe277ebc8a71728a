package gocode

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file holds the repository code of entities that publish events
// (ir.Entity.Events): their writes run in a transaction that also records
// the event in the outbox (platform.Tx.RecordEvent).

// querierType emits the interface queryOne runs statements on.
func querierType(f *jen.File) {
	f.Add(docComment("querier runs statements: a pool (*sql.DB) or a transaction (*platform.Tx)."))
	f.Type().Id("querier").Interface(
		jen.Id("QueryContext").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("query").String(), jen.Id("args").Op("...").Any()).
			Params(jen.Op("*").Qual("database/sql", "Rows"), jen.Error()),
	)
}

// withEventFunc emits func withEvent[T any](ctx, db, kind, event, write) (T, error).
func (g *Gen) withEventFunc(f *jen.File) {
	f.Add(docComment("withEvent runs write in a transaction and records, in the same transaction,\n" +
		"the event of kind that event makes of the row write returns: the event\n" +
		"exists exactly when the change commits."))
	tx := jen.Id("tx").Op("*").Qual(g.platform, "Tx")
	f.Func().Id("withEvent").Types(jen.Id("T").Any()).Params(
		jen.Id("ctx").Qual("context", "Context"),
		jen.Id("db").Op("*").Qual(g.platform, "DB"),
		jen.Id("kind").String(),
		jen.Id("event").Func().Params(jen.String(), jen.Id("T")).Qual(g.platform, "Event"),
		jen.Id("write").Func().Params(tx.Clone()).Params(jen.Id("T"), jen.Error()),
	).Params(jen.Id("T"), jen.Error()).Block(
		jen.Var().Id("row").Id("T"),
		jen.Err().Op(":=").Id("db").Dot("InTx").Call(jen.Id("ctx"), jen.Func().Params(tx.Clone()).Error().Block(
			jen.Var().Err().Error(),
			jen.If(jen.List(jen.Id("row"), jen.Err()).Op("=").Id("write").Call(jen.Id("tx")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Return(jen.Id("tx").Dot("RecordEvent").Call(jen.Id("ctx"), jen.Id("event").Call(jen.Id("kind"), jen.Id("row")))),
		)),
		jen.Return(jen.Id("row"), jen.Err()),
	)
}

// eventKinds maps the IR's event kinds to the platform's constants.
var eventKinds = map[ir.EventKind]string{
	ir.EventCreated: "EventCreated",
	ir.EventUpdated: "EventUpdated",
	ir.EventDeleted: "EventDeleted",
}

// eventFuncName is the name of the function that makes an entity's events: "taskEvent".
func eventFuncName(s *store) string { return strings.TrimSuffix(naming.Camel(s.e.Name), "_") + "Event" }

// eventFunc emits func taskEvent(kind string, row models.Task) platform.Event.
func (g *Gen) eventFunc(f *jen.File, s *store) {
	f.Add(docComment(fmt.Sprintf("%s returns the event of a change of kind to row, which is the %s as\nthe API returns it.", eventFuncName(s), s.noun)))
	event := jen.Qual(g.platform, "Event").Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("Entity")] = jen.Lit(s.e.EventName())
		d[jen.Id("Kind")] = jen.Id("kind")
		d[jen.Id("Subject")] = asString(s.pk, jen.Id("row").Dot(s.pk.Name))
		if s.owner != nil && !s.owner.Nullable {
			d[jen.Id("Owner")] = asString(s.owner, jen.Id("row").Dot(s.owner.Name))
		}
		d[jen.Id("Data")] = jen.Id("row")
	}))
	f.Func().Id(eventFuncName(s)).Params(jen.Id("kind").String(), jen.Id("row").Qual(g.models, s.e.Name)).Qual(g.platform, "Event").BlockFunc(func(b *jen.Group) {
		if s.owner == nil || !s.owner.Nullable {
			b.Return(event)
			return
		}
		owner := jen.Id("row").Dot(s.owner.Name)
		b.Id("e").Op(":=").Add(event)
		b.If(owner.Clone().Op("!=").Nil()).Block(jen.Id("e").Dot("Owner").Op("=").Add(asString(s.owner, jen.Op("*").Add(owner.Clone()))))
		b.Return(jen.Id("e"))
	})
}

// asString emits v, a non-nil value of field fl, as a string.
func asString(fl *ir.Field, v *jen.Statement) jen.Code {
	switch {
	case fl.Type.Info().GoString && len(fl.Enum) == 0:
		return v
	case fl.Type.Info().GoString:
		return jen.String().Call(v)
	}
	return jen.Qual("fmt", "Sprint").Call(v)
}

// writeCall emits the call that runs a write statement of s and returns the
// row it yields: queryOne on the writer, or, when the entity publishes
// events of kind, the same in withEvent.
func (g *Gen) writeCall(s *store, kind ir.EventKind, query jen.Code, args func(*jen.Group)) *jen.Statement {
	call := func(pool jen.Code) *jen.Statement {
		return jen.Id("queryOne").CallFunc(func(c *jen.Group) {
			c.Id("ctx")
			c.Add(pool)
			c.Id(s.scan)
			c.Add(query)
			args(c)
		})
	}
	if !s.e.Publishes(kind) {
		return call(jen.Id("s").Dot("db").Dot("Write"))
	}
	return jen.Id("withEvent").Call(
		jen.Id("ctx"), jen.Id("s").Dot("db"), jen.Qual(g.platform, eventKinds[kind]), jen.Id(eventFuncName(s)),
		jen.Func().Params(jen.Id("tx").Op("*").Qual(g.platform, "Tx")).Params(jen.Qual(g.models, s.e.Name), jen.Error()).Block(
			jen.Return(call(jen.Id("tx"))),
		),
	)
}

// write emits row, err := <writeCall> for the store's query named query.
func (g *Gen) write(s *store, kind ir.EventKind, query string, args func(*jen.Group)) jen.Code {
	return jen.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.writeCall(s, kind, jen.Id("s").Dot("q").Dot(query), args))
}

// writeQuery is write with the statement in a variable.
func (g *Gen) writeQuery(s *store, kind ir.EventKind, query jen.Code, args func(*jen.Group)) jen.Code {
	return jen.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.writeCall(s, kind, query, args))
}
