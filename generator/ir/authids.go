package ir

// textIDProviders are the auth providers whose user ids are text that is
// neither a UUID nor a number, by what spec calls them
// (Document.AuthProvider), with what such an id looks like. Supabase Auth,
// Keycloak and Cognito are not among them: their ids are UUIDs.
var textIDProviders = map[string]string{
	"Better Auth": "32 random characters unless Better Auth is configured otherwise",
	"Clerk":       "such as user_2NNEqL2nrIRdJ194ndJqAHwEfxC",
	"Auth0":       "such as auth0|64f1c0d2e4b0a1b2c3d4e5f6",
	"Auth.js":     "its adapter's, a cuid unless configured otherwise",
}

// authUserIDs makes text the columns that hold a user id of an auth
// provider whose ids are text (textIDProviders), in a spec whose users table
// that provider manages, or does not describe while naming the provider:
// that table's key and every column that references it. The ids arrive as
// the token's subject, so a UUID or integer column would refuse every
// signed-in user (403 SUBJECT_MISMATCH, or a database error without that
// check); text holds any id. Each column retyped is a warning at its type,
// with what to write.
func (r *resolver) authUserIDs() {
	var users *draft
	provider := r.doc.AuthProvider
	for _, d := range r.drafts {
		if _, text := textIDProviders[d.e.ManagedBy]; d.key == "user" && d.e.Managed && text {
			users, provider = d, d.e.ManagedBy
		}
	}
	looks, text := textIDProviders[provider]
	if !text || users == nil && r.byKey["user"] != nil {
		return
	}
	for _, d := range r.drafts {
		for _, dc := range d.cols {
			f := dc.field
			var holds bool
			switch {
			case users == nil:
				holds = dc.authUser
			case d == users:
				holds = f.PrimaryKey && len(d.e.PrimaryKey) == 1
			default:
				holds = f.References != nil && r.draftFor(f.References.Table) == users
			}
			if !holds || f.Type.Info().Text {
				continue
			}
			pos, written := dc.typPos, dc.typText
			if pos.Line == 0 {
				pos, written = dc.pos, string(f.Type)
			}
			r.warnf(pos, "`%s.%s` holds a %s user id, which is text (%s), not %s; "+
				"it is text here, so that every signed-in user's id fits: write `text`", d.e.Table, dc.name, provider, looks, written)
			f.Type, f.Format, f.AutoIncrement, f.Min, f.Max = Text, "", false, nil, nil
			dc.typ = Text
		}
	}
}
