package blocks

import "testing"

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
			Tables: []Table{
				{Name: "tasks", Pos: at(11, 7), Source: "prisma", Comment: "A thing to do.",
					Columns: []Column{
						{Name: "id", Pos: at(12, 3), Type: "Uuid", TypePos: at(12, 15), Constraints: []Phrase{{"PRIMARY KEY", at(12, 25)}, {"DEFAULT gen_random_uuid()", at(12, 29)}}},
						{Name: "title", Pos: at(13, 3), Type: "VarChar(200)", TypePos: at(13, 15), Constraints: []Phrase{{"NOT NULL", at(13, 15)}, {"max 200", at(13, 25)}}},
						{Name: "description", Pos: at(14, 3), Type: "String", TypePos: at(14, 15), Constraints: []Phrase{{"NULL", at(14, 15)}}, Comment: "free text"},
						{Name: "priority", Pos: at(15, 3), Type: "Priority", TypePos: at(15, 15), Constraints: []Phrase{{"NOT NULL", at(15, 15)}, {"DEFAULT 'medium'", at(15, 25)}, {"enum(low,medium,high)", at(15, 15)}}},
						{Name: "done", Pos: at(16, 3), Type: "Boolean", TypePos: at(16, 15), Constraints: []Phrase{{"NOT NULL", at(16, 15)}, {"DEFAULT false", at(16, 25)}}},
						{Name: "user_id", Pos: at(18, 3), Type: "String", TypePos: at(18, 15), Constraints: []Phrase{{"NOT NULL", at(18, 15)}}, Comment: "prisma: userId; The owner."},
						{Name: "created_at", Pos: at(21, 3), Type: "DateTime", TypePos: at(21, 15), Constraints: []Phrase{{"NOT NULL", at(21, 15)}, {"DEFAULT now()", at(21, 25)}}, Comment: "prisma: createdAt"},
						{Name: "updated_at", Pos: at(22, 3), Type: "DateTime", TypePos: at(22, 15), Constraints: []Phrase{{"NOT NULL", at(22, 15)}, {"DEFAULT now()", at(22, 25)}}, Comment: "prisma: updatedAt"},
						{Name: "amount", Pos: at(23, 3), Type: "Decimal(10,2)", TypePos: at(23, 15), Constraints: []Phrase{{"NULL", at(23, 15)}}},
						{Name: "labels", Pos: at(24, 3), Type: "String[]", TypePos: at(24, 15), Constraints: []Phrase{{"NOT NULL", at(24, 15)}}},
					},
					Uniques: [][]string{{"user_id", "title"}},
					ForeignKeys: []ForeignKey{
						{Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: "CASCADE", Pos: at(19, 25)},
					},
				},
				{Name: "users", Pos: at(31, 7), Source: "prisma",
					Columns: []Column{
						{Name: "id", Pos: at(32, 3), Type: "Int", TypePos: at(32, 9), Constraints: []Phrase{{"PRIMARY KEY", at(32, 16)}, {"AUTOINCREMENT", at(32, 20)}}},
						{Name: "email", Pos: at(33, 3), Type: "String", TypePos: at(33, 9), Constraints: []Phrase{{"NOT NULL", at(33, 9)}, {"UNIQUE", at(33, 16)}}},
					},
				},
			},
			Indexes: []Index{
				{Name: "tasks_by_owner", Table: "tasks", Columns: []string{"user_id", "created_at"}, Unique: false, Where: "", Pos: at(27, 3)},
			},
			Enums: []Enum{
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
			Tables: []Table{
				{Name: "Membership", Pos: at(1, 7), Source: "prisma",
					Columns: []Column{
						{Name: "teamId", Pos: at(2, 3), Type: "Int", TypePos: at(2, 12), Constraints: []Phrase{{"NOT NULL", at(2, 12)}}},
						{Name: "memberId", Pos: at(3, 3), Type: "String", TypePos: at(3, 12), Constraints: []Phrase{{"NOT NULL", at(3, 12)}}},
						{Name: "role", Pos: at(4, 3), Type: "Role", TypePos: at(4, 12), Constraints: []Phrase{{"NOT NULL", at(4, 12)}, {"DEFAULT 'MEMBER'", at(4, 21)}}},
					},
					PrimaryKey: []string{"teamId", "memberId"},
					ForeignKeys: []ForeignKey{
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
			Tables: []Table{
				{Name: "Note", Pos: at(1, 7), Source: "prisma",
					Columns: []Column{
						{Name: "id", Pos: at(2, 3), Type: "Int", TypePos: at(2, 9), Constraints: []Phrase{{"PRIMARY KEY", at(2, 13)}}},
						{Name: "title", Pos: at(4, 3), Type: "VarChar", TypePos: at(4, 9), Constraints: []Phrase{{"NOT NULL", at(4, 9)}}},
					},
				},
				{Name: "Broken", Pos: at(7, 7), Source: "prisma",
					Columns: []Column{
						{Name: "name", Pos: at(8, 3), Type: "String", TypePos: at(8, 8), Constraints: []Phrase{{"NOT NULL", at(8, 8)}}},
					},
				},
			},
		},
	},
}
