package blocks

import (
	"testing"

	"github.com/crudgen/crudgen/internal/specdoc"
)

func TestMermaid(t *testing.T) {
	runBlockCases(t, Mermaid, mermaidCases)
}

var mermaidCases = []blockCase{
	{
		name: "entities, keys, comments and relationships",
		src: `erDiagram
    %% owners and their work
    USER ||--o{ TASK : owns
    TASK }o--o{ TAG : "is tagged"
    USER {
        uuid id PK
        string email UK "login name"
    }
    TASK["Task item"] {
        int id PK
        uuid user_id FK "owner"
        string title
        varchar(200) summary
        int tag_id FK
        int project_id PK, FK
    }
    TAG {}
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "USER", Pos: at(5, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(6, 14), Type: "uuid", TypePos: at(6, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(6, 17)}}},
						{Name: "email", Pos: at(7, 16), Type: "string", TypePos: at(7, 9), Constraints: []specdoc.Phrase{{Text: "UNIQUE", Pos: at(7, 22)}}, Description: "login name", DescPos: at(7, 16)},
					},
				},
				{Name: "TASK", Pos: at(9, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(10, 13), Type: "int", TypePos: at(10, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(10, 16)}}},
						{Name: "user_id", Pos: at(11, 14), Type: "uuid", TypePos: at(11, 9), Constraints: []specdoc.Phrase{{Text: "FOREIGN KEY", Pos: at(11, 22)}}, Description: "owner", DescPos: at(11, 14)},
						{Name: "title", Pos: at(12, 16), Type: "string", TypePos: at(12, 9)},
						{Name: "summary", Pos: at(13, 22), Type: "varchar(200)", TypePos: at(13, 9)},
						{Name: "tag_id", Pos: at(14, 13), Type: "int", TypePos: at(14, 9), Constraints: []specdoc.Phrase{{Text: "FOREIGN KEY", Pos: at(14, 20)}}},
						{Name: "project_id", Pos: at(15, 13), Type: "int", TypePos: at(15, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(15, 24)}, {Text: "FOREIGN KEY", Pos: at(15, 28)}}},
					},
				},
			},
			Links: []specdoc.Link{{A: "USER", B: "TASK", Pos: at(3, 5)}, {A: "TASK", B: "TAG", Pos: at(4, 5)}},
		},
	},
	{
		name: "plural entity names and no relationship",
		src: `erDiagram
    users ||--o{ tasks : has
    users {
        text id PK
    }
    tasks {
        serial id PK
        text user_id FK
    }
    notes {
        text user_id FK
    }
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "users", Pos: at(3, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(4, 14), Type: "text", TypePos: at(4, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(4, 17)}}},
					},
				},
				{Name: "tasks", Pos: at(6, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(7, 16), Type: "serial", TypePos: at(7, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(7, 19)}}},
						{Name: "user_id", Pos: at(8, 14), Type: "text", TypePos: at(8, 9), Constraints: []specdoc.Phrase{{Text: "FOREIGN KEY", Pos: at(8, 22)}}},
					},
				},
				{Name: "notes", Pos: at(10, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "user_id", Pos: at(11, 14), Type: "text", TypePos: at(11, 9), Constraints: []specdoc.Phrase{{Text: "FOREIGN KEY", Pos: at(11, 22)}}},
					},
				},
			},
			Links: []specdoc.Link{{A: "users", B: "tasks", Pos: at(2, 5)}},
		},
	},
	{
		name: "other diagrams give nothing",
		src: `flowchart LR
    A[Client] --> B{Auth?}
    B -- yes --> C[API]
`,
		want: Result{},
	},
	{
		name: "sloppy",
		src: `erDiagram
    TASK {
        string title
        done
        "quoted" name
        int id PK }
    NOTE {
        string body
`,
		diags: []string{
			`schema.md:14:9: warning: skipped attribute "done" of entity TASK: write the type, then the name`,
			`schema.md:15:9: warning: skipped attribute "\"quoted\" name" of entity TASK: write the type, then the name`,
		},
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "TASK", Pos: at(2, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "title", Pos: at(3, 16), Type: "string", TypePos: at(3, 9)},
						{Name: "id", Pos: at(6, 13), Type: "int", TypePos: at(6, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(6, 16)}}},
					},
				},
				{Name: "NOTE", Pos: at(7, 5), Source: "mermaid",
					Columns: []*specdoc.Column{
						{Name: "body", Pos: at(8, 16), Type: "string", TypePos: at(8, 9)},
					},
				},
			},
		},
	},
}
