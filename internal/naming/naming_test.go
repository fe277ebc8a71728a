package naming

import "testing"

func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"user_id": "UserID", "emailVerified": "EmailVerified", "api_key": "APIKey",
		"avatar_url": "AvatarURL", "uuid": "UUID", "http_status": "HTTPStatus",
		"json_data": "JSONData", "tasks": "Tasks", "task_tags": "TaskTags",
		"HTTPServer": "HTTPServer", "2fa_enabled": "X2faEnabled", "": "X",
		"created-at": "CreatedAt", "Task Tags": "TaskTags", "user_ids": "UserIDs",
		"carID": "CarID", "serviceEntryID": "ServiceEntryID", "TASK": "Task",
	} {
		if got := Pascal(in); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCamelSnake(t *testing.T) {
	for in, want := range map[string]string{"user_id": "userID", "type": "type_", "ID": "id", "Task": "task", "range": "range_", "len": "len_"} {
		if got := Camel(in); got != want {
			t.Errorf("Camel(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"emailVerified": "email_verified", "TaskTag": "task_tag", "Task Tags": "task_tags", "HTTPServer": "http_server", "user_id": "user_id"} {
		if got := Snake(in); got != want {
			t.Errorf("Snake(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Kebab("task_tags"); got != "task-tags" {
		t.Errorf("Kebab = %q", got)
	}
}

func TestInflect(t *testing.T) {
	pairs := [][2]string{
		{"task", "tasks"}, {"category", "categories"}, {"status", "statuses"}, {"person", "people"},
		{"task_tag", "task_tags"}, {"address", "addresses"}, {"box", "boxes"}, {"match", "matches"},
		{"day", "days"}, {"analysis", "analyses"}, {"child", "children"}, {"data", "data"},
		{"Task", "Tasks"}, {"TaskTag", "TaskTags"}, {"TASK", "TASKS"}, {"movie", "movies"},
		{"user", "users"}, {"bus", "buses"}, {"quiz", "quizzes"}, {"news", "news"},
		{"response", "responses"}, {"message", "messages"}, {"verification", "verifications"},
		{"ServiceEntry", "ServiceEntries"}, {"leaf", "leaves"}, {"metadata", "metadata"},
	}
	for _, p := range pairs {
		if got := Plural(p[0]); got != p[1] {
			t.Errorf("Plural(%q) = %q, want %q", p[0], got, p[1])
		}
		if got := Singular(p[1]); got != p[0] {
			t.Errorf("Singular(%q) = %q, want %q", p[1], got, p[0])
		}
		if got := Singular(p[0]); got != p[0] {
			t.Errorf("Singular(%q) = %q, want it unchanged", p[0], got)
		}
	}
}

func TestUnique(t *testing.T) {
	taken := map[string]bool{}
	for _, want := range []string{"ID", "ID2", "ID3"} {
		if got := Unique("ID", taken); got != want {
			t.Errorf("Unique = %q, want %q", got, want)
		}
	}
	if !IsReserved("func") || !IsReserved("string") || IsReserved("Task") {
		t.Error("IsReserved is wrong")
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"task", "task", 0},
		{"task", "tasks", 1},
		{"tsak", "task", 1}, // a swap of neighbours is one edit
		{"tsk", "task", 1},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{"sortable", "sortabel", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestTableKey(t *testing.T) {
	for _, name := range []string{"tasks", "Tasks", "task", "Task", "TASKS"} {
		if got := TableKey(name); got != "task" {
			t.Errorf("TableKey(%q) = %q, want task", name, got)
		}
	}
	if got := TableKey("TaskTags"); got != "task_tag" {
		t.Errorf("TableKey(TaskTags) = %q, want task_tag", got)
	}
}

// TestSQLName pins the documented rule for names that are not SQL
// identifiers (specs/README.md, "Names").
func TestSQLName(t *testing.T) {
	for in, want := range map[string]string{
		"e-mail": "e_mail", "2fa": "_2fa", "ünïcode": "unicode", "Straße": "strasse", "Due Date": "due_date",
		"créé_le": "cree_le", "имя": "column", "pre-名前": "pre", "": "column", "user.id": "user_id", "Ærø": "aero",
	} {
		if got := SQLName(in); got != want {
			t.Errorf("SQLName(%q) = %q, want %q", in, got, want)
		}
	}
}
