package gocode

import (
	"fmt"
	"path"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/crudgen/crudgen/generator/emit/sqlddl"
	"github.com/crudgen/crudgen/generator/ir"
)

// This file holds the repository code of entities that publish events
// (ir.Entity.Events): their writes run in a transaction that also records
// the event in the outbox (platform.Tx.RecordEvent).

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
	// One line, in the order of platform.Event's fields.
	kv := []jen.Code{
		jen.Id("Entity").Op(":").Lit(s.e.EventName()),
		jen.Id("Kind").Op(":").Id("kind"),
		jen.Id("Subject").Op(":").Add(asString(s.pk, jen.Id("row").Dot(s.pk.Name))),
	}
	if s.owner != nil && !s.owner.Nullable {
		kv = append(kv, jen.Id("Owner").Op(":").Add(asString(s.owner, jen.Id("row").Dot(s.owner.Name))))
	}
	event := jen.Qual(g.platform, "Event").Values(append(kv, jen.Id("Data").Op(":").Id("row"))...)
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

// outboxVarName is the name of an entity's platform.OutboxSQL: "taskOutbox".
func outboxVarName(s *store) string { return s.e.VarStem() + "Outbox" }

// maxJSONPairs is the most fields json_build_object takes (100 arguments).
const maxJSONPairs = 50

// outboxVar emits var taskOutbox = platform.OutboxSQL{...}: the SQL that makes
// the outbox row of an event from the changed row, on PostgreSQL. Data is
// the row as the model's JSON: its keys, in its order, each value rendered
// as encoding/json renders the Go value (ir.TypeInfo.PostgresJSON).
func (g *Gen) outboxVar(f *jen.File, s *store) {
	owner := "NULL"
	if s.owner != nil {
		owner = sqlddl.Ident(s.owner.Column) + "::text"
	}
	var data string
	if returned := s.e.Returned(); len(returned) <= maxJSONPairs {
		var pairs []string
		for _, fl := range returned {
			v := sqlddl.Ident(fl.Column)
			if expr := fl.Type.Info().PostgresJSON; expr != "" {
				v = fmt.Sprintf(expr, v)
			}
			pairs = append(pairs, "\t'"+strings.ReplaceAll(fl.JSON, "'", "''")+"', "+v)
		}
		data = "json_build_object(\n" + strings.Join(pairs, ",\n") + "\n)::text"
	}
	doc := fmt.Sprintf("%s makes the outbox row of a %s's event from the changed row, so that on\n"+
		"PostgreSQL a change and its event are one statement (see withEvent).", outboxVarName(s), s.noun)
	if data == "" {
		doc += fmt.Sprintf(" A %s has more fields\nthan json_build_object takes: its events are recorded in a transaction.", s.noun)
	}
	f.Add(docComment(doc))
	f.Var().Id(outboxVarName(s)).Op("=").Qual(g.platform, "OutboxSQL").Values(jen.DictFunc(func(d jen.Dict) {
		d[jen.Id("Entity")] = jen.Lit(s.e.EventName())
		d[jen.Id("Subject")] = jen.Lit(sqlddl.Ident(s.pk.Column) + "::text")
		d[jen.Id("Owner")] = jen.Lit(owner)
		if data != "" {
			d[jen.Id("Data")] = rawString(data)
		}
	}))
}

// rawString emits s as a raw string literal, when it holds no backquote
// (SQL that reads better on several lines), or else as a quoted one.
func rawString(s string) jen.Code {
	if strings.Contains(s, "`") {
		return jen.Lit(s)
	}
	return jen.Op("`" + s + "`")
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
// events of kind, withEvent.
func (g *Gen) writeCall(s *store, kind ir.EventKind, query jen.Code, args func(*jen.Group)) *jen.Statement {
	if !s.e.Publishes(kind) {
		return jen.Id("queryOne").CallFunc(func(c *jen.Group) {
			c.Id("ctx")
			c.Id("s").Dot("db").Dot("Write")
			c.Id(s.scan)
			c.Add(query)
			args(c)
		})
	}
	return jen.Id("withEvent").CallFunc(func(c *jen.Group) {
		c.Id("ctx")
		c.Id("s").Dot("db")
		c.Qual(g.platform, eventKinds[kind])
		c.Id(eventFuncName(s))
		c.Id(outboxVarName(s))
		c.Id(s.scan)
		c.Add(query)
		args(c)
	})
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
	// func handleTask(ctx context.Context, e events.TaskEvent) error {
	// 	slog.InfoContext(ctx, "task event", "id", e.ID, ...)
	// 	return nil
	// }
	for _, e := range es {
		f.Add(docComment(fmt.Sprintf("handle%s handles the events of %s; events.Handlers says what it returns.", e.Name, e.PluralNoun())))
		f.Func().Id("handle"+e.Name).Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("e").Qual(g.events, e.Name+"Event")).Error().Block(
			jen.Qual("log/slog", "InfoContext").Call(jen.Id("ctx"), jen.Lit(e.EventName()+" event"),
				jen.Lit("id"), jen.Id("e").Dot("ID"), jen.Lit("type"), jen.Id("e").Dot("Type"),
				jen.Lit("subject"), jen.Id("e").Dot("Subject"), jen.Lit("kind"), jen.Id("e").Dot("Kind")),
			jen.Return(jen.Nil()),
		)
		f.Line()
	}
	f.Func().Id("main").Params().Block(
		jen.List(jen.Id("ctx"), jen.Id("stop")).Op(":=").Qual("os/signal", "NotifyContext").Call(
			jen.Qual("context", "Background").Call(), jen.Qual("os", "Interrupt"), jen.Qual("syscall", "SIGTERM")),
		jen.Defer().Id("stop").Call(),
		jen.Id("handlers").Op(":=").Qual(g.events, "Handlers").Values(jen.DictFunc(func(d jen.Dict) {
			for _, e := range es {
				d[jen.Id(e.Plural)] = jen.Id("handle" + e.Name)
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
