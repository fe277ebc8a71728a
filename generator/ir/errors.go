package ir

import (
	"cmp"
	"slices"
	"strings"

	"github.com/crudgen/crudgen/internal/naming"
)

// The errors each generated operation can answer, for the API documents
// (openapi.json and rest-endpoints.md). The codes are those the generated
// handlers and the platform runtime write; a change there belongs here too.

// Op is one of the six operations of a CRUD entity.
type Op string

// The operations of a CRUD entity, in the order the documents list them.
const (
	OpList    Op = "list"
	OpCreate  Op = "create"
	OpGet     Op = "get"
	OpReplace Op = "replace"
	OpPatch   Op = "patch"
	OpDelete  Op = "delete"
)

// Ops are the operations of a CRUD entity in document order.
var Ops = []Op{OpList, OpCreate, OpGet, OpReplace, OpPatch, OpDelete}

// ErrorCase is one error status an operation can answer, with its codes.
type ErrorCase struct {
	Status int
	// Name names the case in the OpenAPI components ("TaskNotFound").
	Name string
	// Codes are the values of the error body's code member.
	Codes []string
	// Meaning says when it happens, in a sentence.
	Meaning string
	// Detail is an example of the error body's detail for Codes[0].
	Detail string
}

// Errors lists the error cases of operation op of entity e, by status.
func (s *Schema) Errors(e *Entity, op Op) []ErrorCase {
	var out []ErrorCase
	noun := strings.ToLower(strings.Join(naming.Words(e.Name), " "))
	body := op == OpCreate || op == OpReplace || op == OpPatch
	switch {
	case body:
		out = append(out, ErrorCase{400, "MalformedJSON", []string{"MALFORMED_JSON"},
			"The request body is not a JSON object, or has a key twice.", "The request body must be a JSON object."})
	case op == OpList:
		out = append(out, ErrorCase{400, "InvalidQuery", []string{"INVALID_QUERY"},
			"A query parameter is unknown, repeated (other than `sort`), holds a NUL character or has an invalid value; " +
				"`detail` names it and lists what is allowed.",
			`Query parameter "sort" names an unknown field.`})
	}
	out = append(out, ErrorCase{401, "Unauthorized", []string{"UNAUTHORIZED"},
		"The bearer token is missing, malformed, expired or not signed by a trusted key.", "The bearer token has expired."})
	access := e.Write
	if op == OpList || op == OpGet {
		access = e.Read
	}
	if access.Rule == RuleRole {
		out = append(out, ErrorCase{403, "Forbidden", []string{"FORBIDDEN"},
			"The caller's token does not grant the role the entity's policy names.", `This endpoint requires the role "editor".`})
	}
	if op != OpList && op != OpCreate {
		out = append(out, ErrorCase{404, e.Name + "NotFound", []string{e.NotFoundCode()},
			"No such " + noun +
				" for this user: it does not exist, was deleted, or belongs to someone else. The detail does not repeat the id.",
			"No " + noun + " has this id."})
	}
	if body {
		out = append(out, ErrorCase{409, "Conflict", []string{"ALREADY_EXISTS", "REFERENCE_NOT_FOUND"},
			"The change conflicts with stored data: a unique value is taken (`ALREADY_EXISTS`), or, rarely, a " +
				"referenced row went away during the write (`REFERENCE_NOT_FOUND`).", "A row with this value already exists."})
	}
	var refs []Ref
	if op == OpDelete {
		refs = s.Restricting(e)
	}
	if len(refs) > 0 {
		out = append(out, ErrorCase{409, e.Name + "StillReferenced", []string{e.CodePrefix() + "_STILL_REFERENCED"},
			"Rows of " + refTableList(refs) + " still refer to the " + noun + " (ON DELETE RESTRICT); `detail` names the table.",
			"The " + noun + " is still referenced by " + refs[0].From.Table + "; delete or change those first."})
	}
	if body {
		out = append(out,
			ErrorCase{413, "PayloadTooLarge", []string{"BODY_TOO_LARGE"}, "The request body is larger than 1 MiB.",
				"The request body is larger than 1048576 bytes."},
			ErrorCase{415, "UnsupportedMediaType", []string{"UNSUPPORTED_MEDIA_TYPE"},
				"The request body is not sent as `Content-Type: application/json`.",
				"Send the request body as Content-Type: application/json."},
			ErrorCase{422, "ValidationFailed", []string{"VALIDATION_FAILED", "READ_ONLY_FIELD", "UNKNOWN_FIELD", "INVALID_TYPE"},
				"The body is JSON but breaks the rules: `errors` lists each field (a rule broken, a read-only or " +
					"unknown field sent, a value of the wrong type, or a reference to a row that does not exist or that the caller " +
					"may not read: the same answer for both). Keys match the property names exactly (`Title` is " +
					"not `title`); `null` is refused for a field that is not nullable, on POST and PUT as on PATCH; no " +
					"string may hold the NUL character U+0000; a not-blank string needs one character outside its " +
					"`pattern`'s class (Unicode White_Space and the zero-width U+180E, U+200B to U+200D, U+2060, U+FEFF).",
				"The request is invalid."})
	}
	out = append(out, ErrorCase{500, "InternalError", []string{"INTERNAL"},
		"An unexpected error; the details are only in the server log, under the `request_id`.",
		"An internal error occurred; quote the request_id when reporting it."})
	return out
}

// ErrorCode is one code of the error body, with the status and meaning of
// the first error case that answers it.
type ErrorCode struct {
	Code    string
	Status  int
	Meaning string
}

// ErrorCodes lists each code the operations of entities can answer once, by
// status and then code.
func (s *Schema) ErrorCodes(entities []*Entity) []ErrorCode {
	var out []ErrorCode
	seen := map[string]bool{}
	for _, e := range entities {
		for _, op := range Ops {
			for _, c := range s.Errors(e, op) {
				for _, code := range c.Codes {
					if !seen[code] {
						seen[code] = true
						out = append(out, ErrorCode{code, c.Status, c.Meaning})
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b ErrorCode) int {
		return cmp.Or(cmp.Compare(a.Status, b.Status), strings.Compare(a.Code, b.Code))
	})
	return out
}

// refTableList names the referencing tables of refs: "comments, post_tags".
func refTableList(refs []Ref) string {
	var names []string
	for _, r := range refs {
		if len(names) == 0 || names[len(names)-1] != r.From.Table {
			names = append(names, r.From.Table)
		}
	}
	return strings.Join(names, ", ")
}
