package ir

import (
	"slices"
	"strings"

	"github.com/crudgen/crudgen/generator/spec"
	"github.com/crudgen/crudgen/internal/naming"
)

// This file decides which fields are write-only (Field.WriteOnly): the
// columns that hold credentials. Specs describe users tables with their
// password hash and API clients with their secret; a generated API that
// returned those columns to every caller allowed to read the rows, or let
// a list be filtered or searched by them, would hand out what the columns
// protect. Such a column is still written through the API (a create body
// carries the hash the spec says is stored), but never read back.

// credentialWords are the words that make a text column a credential
// wherever they stand in its snake_case name: password_hash,
// hashed_password, encrypted_password, password_digest, passphrase.
var credentialWords = []string{"password", "passwd", "passphrase", "pwd"}

// credentialEnds are the last words of a credential column's name:
// client_secret, otp_secret, private_key, refresh_token, token_hash. A salt
// is not among them: it is not secret, and "salt" is as likely a recipe's.
var credentialEnds = [][]string{
	{"secret"},
	{"private", "key"}, {"secret", "key"}, {"signing", "key"},
	{"refresh", "token"}, {"access", "token"}, {"id", "token"},
	{"token", "hash"}, {"key", "hash"}, {"secret", "hash"},
	{"recovery", "codes"}, {"backup", "codes"},
}

// IsCredentialName reports whether a column named column holds a
// credential, by its name alone.
func IsCredentialName(column string) bool {
	words := strings.Split(naming.Snake(column), "_")
	for _, w := range words {
		if slices.Contains(credentialWords, w) {
			return true
		}
	}
	for _, end := range credentialEnds {
		if len(words) >= len(end) && slices.Equal(words[len(words)-len(end):], end) {
			return true
		}
	}
	return false
}

// applyWriteonly applies writeonly=a,b,-c or writeonly=none: each column
// named becomes write-only, each named with "-" readable, and none makes
// only the columns the option names write-only.
func (r *resolver) applyWriteonly(d *draft, o spec.Option, col func(spec.Option, string) *draftCol) {
	eachListed(o.Value, func(name string, v int) {
		if v > 0 && strings.EqualFold(name, "none") {
			d.writeOnlyNone = true
			return
		}
		dc := col(o, name)
		switch {
		case dc == nil:
		case v > 0 && (dc.field.PrimaryKey || dc.field.Role != RoleNone || dc.field.References != nil):
			r.warnf(o.ValuePos, "option writeonly names `%s`, which every response needs (a key, a reference or a column the server sets); it stays readable: leave it out", dc.name)
		default:
			dc.opt.writeOnly = v
		}
	})
}

// decideWriteOnly sets the WriteOnly flag of dc's field, once the list
// capabilities are decided (a write-only field has none). A column is
// write-only when the option names it, or when it is a client-written text
// column of an entity with routes whose name is a credential's, unless the
// option says otherwise; that guess is warned about, with what to write.
func (r *resolver) decideWriteOnly(d *draft, dc *draftCol) {
	f := dc.field
	switch {
	case dc.opt.writeOnly > 0:
		f.WriteOnly = true
	case dc.opt.writeOnly < 0 || d.writeOnlyNone:
		return
	case !d.e.CRUD || f.PrimaryKey || f.Role != RoleNone || f.References != nil || !(f.Type.Info().Text || f.Type == Bytes) || !IsCredentialName(dc.name):
		return
	default:
		f.WriteOnly = true
		r.warnf(dc.pos, "column `%s.%s` looks like a credential, so it is write-only: request bodies set it, but no response, list filter or event carries it; "+
			"write `crudgen: writeonly=%s` under the table's heading to say so, or `crudgen: writeonly=-%s` to return it", d.e.Table, dc.name, dc.name, dc.name)
	}
	f.Sortable, f.Filterable, f.Searchable = false, false, false
}
