package openapi

import (
	"fmt"
	"strings"

	"github.com/crudgen/crudgen/generator/ir"
)

// eventWebhooks returns the webhooks object that documents the events of the
// entities that publish them (OpenAPI 3.1 webhooks: requests the service
// sends rather than receives), one per topic, and adds each entity's event
// schema to schemas; nil when no entity publishes events.
func eventWebhooks(entities []*ir.Entity, schemas *object) *object {
	var hooks *object
	for _, e := range entities {
		if len(e.Events) == 0 {
			continue
		}
		if hooks == nil {
			hooks = obj()
		}
		kinds := make([]string, len(e.Events))
		types := make([]any, len(e.Events))
		for i, k := range e.Events {
			kinds[i] = string(k)
			types[i] = fmt.Sprintf("<EVENTS_TYPE_PREFIX>.%s.%s", e.EventName(), k)
		}
		topic := e.EventTopic()
		schemas.Set(e.Name+"Event", eventSchema(e, types))
		hooks.Set(topic, obj("post", obj(
			"operationId", "on"+e.Name+"Event",
			"tags", []any{e.Plural},
			"summary", fmt.Sprintf("A %s was %s", e.Noun(), orList(kinds)),
			"description", fmt.Sprintf("Published through Dapr pub/sub to the topic %s (EVENTS_TOPIC_%s changes it) "+
				"after every committed change of a %s, in order per %s and at least once: "+
				"subscribers deduplicate by id. The sidecar delivers it to the route a subscriber "+
				"declares in GET /dapr/subscribe; see internal/events.",
				topic, strings.ToUpper(e.EventName()), e.Noun(), e.Noun()),
			"security", []any{},
			"requestBody", obj("required", true, "content", obj(
				"application/cloudevents+json", obj("schema", ref("schemas", e.Name+"Event")),
			)),
			"responses", obj("200", obj(
				"description", "The subscriber's verdict: SUCCESS, RETRY (deliver it again later) or DROP.",
				"content", jSONContent(obj(
					"type", "object",
					"properties", obj("status", obj("type", "string", "enum", []any{"SUCCESS", "RETRY", "DROP"})),
					"required", []any{"status"},
				)),
			)),
		)))
	}
	return hooks
}

// eventSchema is the CloudEvents 1.0 envelope of e's events, with the row
// as data.
func eventSchema(e *ir.Entity, types []any) *object {
	str := func(desc string) *object { return obj("type", "string", "description", desc) }
	return obj(
		"type", "object",
		"description", fmt.Sprintf("A change of a %s, as a CloudEvents 1.0 event in structured JSON mode.", e.Noun()),
		"properties", obj(
			"specversion", obj("type", "string", "const", "1.0"),
			"id", str("The event's id, unique per service: the position of the event in the outbox."),
			"source", str("The service (EVENTS_SOURCE, default /<app>)."),
			"type", obj("type", "string", "description", "The kind of change, after EVENTS_TYPE_PREFIX (default com.example.<app>).",
				"examples", types),
			"subject", str(fmt.Sprintf("The id of the %s.", e.Noun())),
			"time", obj("type", "string", "format", "date-time", "description", "When the change committed."),
			"datacontenttype", obj("type", "string", "const", "application/json"),
			"owner", str("The owner of the row, when the entity has one."),
			"data", obj("$ref", "#/components/schemas/"+e.Name, "description",
				fmt.Sprintf("The %s as the API returned it after the change (for a delete, as deleted).", e.Noun())),
		),
		"required", []any{"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data"},
	)
}

// orList joins words as prose: "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
