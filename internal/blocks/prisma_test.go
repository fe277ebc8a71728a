package blocks

import (
	"testing"

	"github.com/crudgen/crudgen/internal/specdoc"
)

func TestPrisma(t *testing.T) {
	runBlockCases(t, Prisma, prismaCases)
}

var prismaCases = []blockCase{
	{
		name: "models, relations and enums",
		src: `generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

/// A thing to do.
model Task {
  id          String    @id @default(uuid()) @db.Uuid
  title       String    @db.VarChar(200)
  description String?   // free text
  priority    Priority  @default(medium)
  done        Boolean   @default(false)
  /// The owner.
  userId      String    @map("user_id")
  user        User      @relation(fields: [userId], references: [id], onDelete: Cascade)
  tags        Tag[]
  createdAt   DateTime  @default(now()) @map("created_at")
  updatedAt   DateTime  @updatedAt @map("updated_at")
  amount      Decimal?  @db.Decimal(10, 2)
  labels      String[]

  @@unique([userId, title])
  @@index([userId, createdAt(sort: Desc)], map: "tasks_by_owner")
  @@map("tasks")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  tasks Task[]

  @@map("users")
}

enum Priority { low medium high }

enum Status {
  TODO  @map("todo")
  DONE
}
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "tasks", Pos: at(11, 7), Source: "prisma", Comment: "A thing to do.",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(12, 3), Type: "Uuid", TypePos: at(12, 15), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(12, 25)}, {Text: "DEFAULT gen_random_uuid()", Pos: at(12, 29)}}},
						{Name: "title", Pos: at(13, 3), Type: "VarChar(200)", TypePos: at(13, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(13, 15)}, {Text: "max 200", Pos: at(13, 25)}}},
						{Name: "description", Pos: at(14, 3), Type: "String", TypePos: at(14, 15), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(14, 15)}}, Description: "free text", DescPos: at(14, 3)},
						{Name: "priority", Pos: at(15, 3), Type: "Priority", TypePos: at(15, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(15, 15)}, {Text: "DEFAULT 'medium'", Pos: at(15, 25)}, {Text: "enum(low,medium,high)", Pos: at(15, 15)}}},
						{Name: "done", Pos: at(16, 3), Type: "Boolean", TypePos: at(16, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(16, 15)}, {Text: "DEFAULT false", Pos: at(16, 25)}}},
						{Name: "user_id", Pos: at(18, 3), SourceName: "userId", Type: "String", TypePos: at(18, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(18, 15)}}, Description: "The owner.", DescPos: at(18, 3)},
						{Name: "created_at", Pos: at(21, 3), SourceName: "createdAt", Type: "DateTime", TypePos: at(21, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(21, 15)}, {Text: "DEFAULT now()", Pos: at(21, 25)}}},
						{Name: "updated_at", Pos: at(22, 3), SourceName: "updatedAt", Type: "DateTime", TypePos: at(22, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(22, 15)}, {Text: "DEFAULT now()", Pos: at(22, 25)}}},
						{Name: "amount", Pos: at(23, 3), Type: "Decimal(10,2)", TypePos: at(23, 15), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(23, 15)}}},
						{Name: "labels", Pos: at(24, 3), Type: "String[]", TypePos: at(24, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(24, 15)}}},
					},
					Uniques: [][]string{{"user_id", "title"}},
					ForeignKeys: []*specdoc.ForeignKey{
						{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: "CASCADE", Pos: at(19, 25)},
					},
				},
				{Name: "users", Pos: at(31, 7), Source: "prisma",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(32, 3), Type: "Int", TypePos: at(32, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(32, 16)}, {Text: "AUTOINCREMENT", Pos: at(32, 20)}}},
						{Name: "email", Pos: at(33, 3), Type: "String", TypePos: at(33, 9), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(33, 9)}, {Text: "UNIQUE", Pos: at(33, 16)}}},
					},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "tasks_by_owner", Table: "tasks", Columns: []string{"user_id", "created_at"}, Unique: false, Where: "", Pos: at(27, 3)},
			},
			Enums: []specdoc.Enum{
				{Name: "Priority", Values: []string{"low", "medium", "high"}, Pos: at(39, 6)},
				{Name: "Status", Values: []string{"TODO", "DONE"}, Pos: at(41, 6)},
			},
		},
	},
	{
		name: "composite key and relation to a model elsewhere",
		src: `model Membership {
  teamId   Int
  memberId String
  role     Role     @default(MEMBER)
  team     Team     @relation(fields: [teamId], references: [id], onDelete: SetNull)
  @@id([teamId, memberId])
}
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "Membership", Pos: at(1, 7), Source: "prisma",
					Columns: []*specdoc.Column{
						{Name: "teamId", Pos: at(2, 3), Type: "Int", TypePos: at(2, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(2, 12)}}},
						{Name: "memberId", Pos: at(3, 3), Type: "String", TypePos: at(3, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 12)}}},
						{Name: "role", Pos: at(4, 3), Type: "Role", TypePos: at(4, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(4, 12)}, {Text: "DEFAULT 'MEMBER'", Pos: at(4, 21)}}},
					},
					PrimaryKey: []string{"teamId", "memberId"},
					ForeignKeys: []*specdoc.ForeignKey{
						{Columns: []string{"teamId"}, RefTable: "Team", RefColumns: []string{"id"}, OnDelete: "SET NULL", Pos: at(5, 21)},
					},
				},
			},
		},
	},
	{
		name: "sloppy",
		src: `model Note {
  id    Int @id
  body
  title String @db.VarChar(
  ...
}
model Broken {
  name String
`,
		diags: []string{"schema.md:13:3: warning: skipped field body of model Note: it has no type"},
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "Note", Pos: at(1, 7), Source: "prisma",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 3), Type: "Int", TypePos: at(2, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(2, 13)}}},
						{Name: "title", Pos: at(4, 3), Type: "VarChar", TypePos: at(4, 9), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(4, 9)}}},
					},
				},
				{Name: "Broken", Pos: at(7, 7), Source: "prisma",
					Columns: []*specdoc.Column{
						{Name: "name", Pos: at(8, 3), Type: "String", TypePos: at(8, 8), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(8, 8)}}},
					},
				},
			},
		},
	},
}
