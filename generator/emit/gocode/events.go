package gocode

import (
	"fmt"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/ir"
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
		jen.Id("ExecContext").Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("query").String(), jen.Id("args").Op("...").Any()).
			Params(jen.Qual("database/sql", "Result"), jen.Error()),
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
func eventFuncName(s *store) string { return s.e.VarStem() + "Event" }

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

// write emits row, err := <writeCall> for the statement query.
func (g *Gen) write(s *store, kind ir.EventKind, query jen.Code, args func(*jen.Group)) jen.Code {
	return jen.List(jen.Id("row"), jen.Err()).Op(":=").Add(g.writeCall(s, kind, query, args))
}

// eventEntities returns the CRUD entities that publish events.
func (g *Gen) eventEntities() []*ir.Entity {
	var out []*ir.Entity
	for _, e := range g.entities {
		if len(e.Events) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// eventsPackageDoc is the package comment of the generated package events.
const eventsPackageDoc = `Package events is the subscriber side of the service's events, for the services
that react to them through Dapr pub/sub: a typed event and a handler per topic.
Fill Handlers in and serve Subscriptions with platform.SubscriberMain (see
cmd/subscriber), or mount platform.SubscriberHandler in a server of your own.

An event is delivered at least once: a handler must tolerate an event it has
already seen (compare the id). Events of one row are published in order.`

// Events is internal/events/events.go, the typed subscriber side of the
// events: one event type and one handler field per publishing entity, and
// Subscriptions. It is nil when no entity publishes events.
func (g *Gen) Events() *jen.File {
	es := g.eventEntities()
	if len(es) == 0 {
		return nil
	}
	f := g.packageFile(g.events, "events", eventsPackageDoc)
	ctx := jen.Id("ctx").Qual("context", "Context")
	f.Add(docComment("Handlers holds the function that handles each topic's events; a nil function\n" +
		"is not subscribed. A handler returns nil once the event is handled, an error\n" +
		"to have it delivered again later, or platform.Drop(err) to drop it."))
	f.Type().Id("Handlers").StructFunc(func(st *jen.Group) {
		for _, e := range es {
			st.Comment(fmt.Sprintf("%s handles the events of %s (topic %s by default).", e.Plural, e.PluralNoun(), e.EventTopic()))
			st.Id(e.Plural).Func().Params(ctx.Clone(), jen.Id("e").Id(e.Name+"Event")).Error()
		}
	})
	for _, e := range es {
		f.Add(docComment(fmt.Sprintf("%sEvent is a change of a %s as delivered: the CloudEvents envelope\n"+
			"(ID, Type, Subject = the %s's id, Time, Owner), the kind of change and the\n"+
			"%s as the API returned it after the change (for a delete, as deleted).", e.Name, e.Noun(), e.Noun(), e.Noun())))
		f.Type().Id(e.Name+"Event").Struct(
			jen.Qual(g.platform, "CloudEvent"),
			jen.Comment("Kind is platform.EventCreated, EventUpdated or EventDeleted."),
			jen.Id("Kind").String(),
			jen.Id(e.Name).Qual(g.models, e.Name),
		)
	}
	f.Add(docComment("Subscriptions returns the subscriptions of h, with the topics of cfg."))
	f.Func().Id("Subscriptions").Params(jen.Id("cfg").Qual(g.platform, "EventsConfig"), jen.Id("h").Id("Handlers")).Index().Qual(g.platform, "Subscription").BlockFunc(func(b *jen.Group) {
		b.Var().Id("subs").Index().Qual(g.platform, "Subscription")
		for _, e := range es {
			b.If(jen.Id("h").Dot(e.Plural).Op("!=").Nil()).Block(
				jen.Id("subs").Op("=").Append(jen.Id("subs"), jen.Qual(g.platform, "Subscribe").Call(
					jen.Id("cfg"), jen.Lit(e.EventName()),
					jen.Func().Params(ctx.Clone(), jen.Id("ev").Qual(g.platform, "CloudEvent"), jen.Id("kind").String(), jen.Id("row").Qual(g.models, e.Name)).Error().Block(
						jen.Return(jen.Id("h").Dot(e.Plural).Call(jen.Id("ctx"), jen.Id(e.Name+"Event").Values(jen.Dict{
							jen.Id("CloudEvent"): jen.Id("ev"), jen.Id("Kind"): jen.Id("kind"), jen.Id(e.Name): jen.Id("row"),
						}))),
					),
				)),
			)
		}
		b.Return(jen.Id("subs"))
	})
	return f
}

// Subscriber is cmd/subscriber/main.go, a subscriber of the service's own
// events to start a reacting service from: written once, like main.go, and
// the user's afterwards. It is nil when no entity publishes events.
func (g *Gen) Subscriber() *jen.File {
	es := g.eventEntities()
	if len(es) == 0 {
		return nil
	}
	name := path.Base(strings.TrimSuffix(g.opts.ModulePath, "/"))
	f := jen.NewFilePathName(g.opts.ModulePath+"/cmd/subscriber", "main")
	f.ImportNames(map[string]string{g.events: "events", g.platform: "platform"})
	packageDoc(f, fmt.Sprintf("Command subscriber receives the events of %s through Dapr pub/sub. It is a\n", name)+
		"starting point for a service that reacts to them: each handler below logs the\n"+
		"event; replace that with your own work. This file is yours: crudgen writes it\n"+
		"once and never overwrites it.\n\n"+
		"Run it beside a sidecar whose --app-port is its address:\n\n"+
		"\tPUBSUB_NAME=pubsub ADDR=127.0.0.1:8081 go run ./cmd/subscriber\n"+
		"\tdaprd --app-id subscriber --app-port 8081 --resources-path ./components")
	f.Func().Id("main").Params().Block(
		jen.List(jen.Id("ctx"), jen.Id("stop")).Op(":=").Qual("os/signal", "NotifyContext").Call(
			jen.Qual("context", "Background").Call(), jen.Qual("os", "Interrupt"), jen.Qual("syscall", "SIGTERM")),
		jen.Defer().Id("stop").Call(),
		jen.Id("handlers").Op(":=").Qual(g.events, "Handlers").Values(jen.DictFunc(func(d jen.Dict) {
			for _, e := range es {
				d[jen.Id(e.Plural)] = jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("e").Qual(g.events, e.Name+"Event")).Error().Block(
					jen.Qual("log/slog", "InfoContext").Call(jen.Id("ctx"), jen.Lit(e.EventName()+" event"),
						jen.Lit("id"), jen.Id("e").Dot("ID"), jen.Lit("type"), jen.Id("e").Dot("Type"),
						jen.Lit("subject"), jen.Id("e").Dot("Subject"), jen.Lit("kind"), jen.Id("e").Dot("Kind")),
					jen.Return(jen.Nil()),
				)
			}
		})),
		jen.Qual("os", "Exit").Call(jen.Qual(g.platform, "SubscriberMain").Call(
			jen.Id("ctx"), jen.Lit(name),
			jen.Func().Params(jen.Id("cfg").Qual(g.platform, "EventsConfig")).Index().Qual(g.platform, "Subscription").Block(
				jen.Return(jen.Qual(g.events, "Subscriptions").Call(jen.Id("cfg"), jen.Id("handlers"))),
			),
		)),
	)
	return f
}
