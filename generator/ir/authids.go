package ir

// betterAuthProvider is the name spec gives Better Auth (Document.AuthProvider).
const betterAuthProvider = "Better Auth"

// betterAuthUserIDs makes text the columns that hold a Better Auth user id
// in a spec whose users table Better Auth manages, or does not describe
// while naming Better Auth: that table's key and every column that
// references it. Better Auth's ids are strings (32 random characters unless
// it is configured otherwise) and arrive as the token's subject, so a UUID
// or integer column would refuse every signed-in user; text holds any id,
// UUIDs and numbers too. Each column retyped is a warning at its type, with
// what to write. Other providers are left alone: Supabase's, Keycloak's and
// Cognito's ids are UUIDs, and specs using Clerk or Auth0 keep a users table
// of their own with the provider's id in a column beside its key.
func (r *resolver) betterAuthUserIDs() {
	var users *draft
	for _, d := range r.drafts {
		if d.key == "user" && d.e.Managed && d.e.ManagedBy == betterAuthProvider {
			users = d
		}
	}
	if users == nil && (r.doc.AuthProvider != betterAuthProvider || r.byKey["user"] != nil) {
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
			r.warnf(pos, "`%s.%s` holds a Better Auth user id, which is text (32 random characters unless Better Auth is configured otherwise), not %s; "+
				"it is text here, so that every signed-in user's id fits: write `text`", d.e.Table, dc.name, written)
			f.Type, f.Format, f.AutoIncrement, f.Min, f.Max = Text, "", false, nil, nil
			dc.typ = Text
		}
	}
}
