package blocks

import (
	"testing"

	"github.com/crudgen/crudgen/internal/specdoc"
)

func TestSQLModel(t *testing.T) {
	runBlockCases(t, SQLModel, sqlModelCases)
}

var sqlModelCases = []blockCase{
	{
		name: "table with base class and enum",
		src: `from enum import Enum
from typing import Optional
from sqlmodel import Field, SQLModel, Relationship


class Priority(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class TaskBase(SQLModel):
    title: str = Field(max_length=200, min_length=1, index=True)
    priority: Priority = Field(default=Priority.medium)
    notes: str | None = None


class Task(TaskBase, table=True):
    """A thing to do."""
    __tablename__ = "tasks"

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(
        foreign_key="users.id",
        ondelete="CASCADE",
        description="owner",
    )
    notes: Optional[str] = Field(default=None, sa_column=Column(Text))
    estimate: int = Field(default=0, ge=0, le=100)
    created_at: datetime = Field(default_factory=datetime.utcnow)
    owner: Optional["User"] = Relationship(back_populates="tasks")

    def done(self) -> bool:
        return False


class TaskCreate(TaskBase):
    pass
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "tasks", Pos: at(18, 7), Source: "sqlmodel", Comment: "A thing to do.",
					Columns: []*specdoc.Column{
						{Name: "title", Pos: at(13, 5), Type: "str", TypePos: at(13, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(13, 12)}, {Text: "max 200", Pos: at(13, 24)}, {Text: "min 1", Pos: at(13, 40)}, {Text: "index", Pos: at(13, 54)}}},
						{Name: "priority", Pos: at(14, 5), Type: "Priority", TypePos: at(14, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(14, 15)}, {Text: "DEFAULT 'medium'", Pos: at(14, 32)}, {Text: "enum(low,medium,high)", Pos: at(14, 15)}}},
						{Name: "notes", Pos: at(28, 5), Type: "str", TypePos: at(28, 12), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(28, 12)}}},
						{Name: "id", Pos: at(22, 5), Type: "int", TypePos: at(22, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(22, 45)}}},
						{Name: "user_id", Pos: at(23, 5), Type: "str", TypePos: at(23, 14), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(23, 14)}, {Text: "REFERENCES users(id) ON DELETE CASCADE", Pos: at(24, 9)}}, Description: "owner", DescPos: at(23, 5)},
						{Name: "estimate", Pos: at(29, 5), Type: "int", TypePos: at(29, 15), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(29, 15)}, {Text: "DEFAULT 0", Pos: at(29, 27)}, {Text: "min 0", Pos: at(29, 38)}, {Text: "max 100", Pos: at(29, 44)}}},
						{Name: "created_at", Pos: at(30, 5), Type: "datetime", TypePos: at(30, 17), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(30, 17)}, {Text: "DEFAULT now()", Pos: at(30, 34)}}},
					},
				},
			},
			Enums: []specdoc.Enum{
				{Name: "Priority", Values: []string{"low", "medium", "high"}, Pos: at(6, 7)},
			},
		},
	},
	{
		name: "default table name and sa_column",
		src: `class Label(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(sa_column=Column(String(50), unique=True, nullable=False))
    color: str = "grey"
    archived: bool = Field(default=False, sa_column_kwargs={"nullable": True})
    meta: dict = Field(default_factory=dict, sa_column=Column(JSON))
    registry: ClassVar[dict] = {}
    team_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("teams.id", ondelete="SET NULL")))
    rank: Union[int, None] = Field(default=-1, gt=-2)
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "label", Pos: at(1, 7), Source: "sqlmodel",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(2, 5), Type: "uuid.UUID", TypePos: at(2, 9), Constraints: []specdoc.Phrase{{Text: "DEFAULT gen_random_uuid()", Pos: at(2, 27)}, {Text: "PRIMARY KEY", Pos: at(2, 55)}}},
						{Name: "name", Pos: at(3, 5), Type: "str", TypePos: at(3, 11), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(3, 65)}, {Text: "max 50", Pos: at(3, 40)}, {Text: "UNIQUE", Pos: at(3, 52)}}},
						{Name: "color", Pos: at(4, 5), Type: "str", TypePos: at(4, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(4, 12)}, {Text: "DEFAULT 'grey'", Pos: at(4, 18)}}},
						{Name: "archived", Pos: at(5, 5), Type: "bool", TypePos: at(5, 15), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(5, 61)}, {Text: "DEFAULT false", Pos: at(5, 28)}}},
						{Name: "meta", Pos: at(6, 5), Type: "dict", TypePos: at(6, 11), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(6, 11)}, {Text: "DEFAULT '{}'", Pos: at(6, 24)}}},
						{Name: "team_id", Pos: at(8, 5), Type: "int", TypePos: at(8, 14), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(8, 14)}, {Text: "REFERENCES teams(id) ON DELETE SET NULL", Pos: at(8, 73)}}},
						{Name: "rank", Pos: at(9, 5), Type: "int", TypePos: at(9, 11), Constraints: []specdoc.Phrase{{Text: "NULL", Pos: at(9, 11)}, {Text: "DEFAULT -1", Pos: at(9, 36)}, {Text: "CHECK (rank > -2)", Pos: at(9, 48)}}},
					},
				},
			},
		},
	},
	{
		name: "table args",
		src: `class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", name="uq_member"),
        PrimaryKeyConstraint("team_id", "user_id"),
        Index("ix_member_role", "role", unique=False),
        {"schema": "app"},
    )

    team_id: int = Field(foreign_key="teams.id")
    user_id: str
    role: str = "member"
`,
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "memberships", Pos: at(1, 7), Source: "sqlmodel",
					Columns: []*specdoc.Column{
						{Name: "team_id", Pos: at(10, 5), Type: "int", TypePos: at(10, 14), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(10, 14)}, {Text: "REFERENCES teams(id)", Pos: at(10, 26)}}},
						{Name: "user_id", Pos: at(11, 5), Type: "str", TypePos: at(11, 14), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(11, 14)}}},
						{Name: "role", Pos: at(12, 5), Type: "str", TypePos: at(12, 11), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(12, 11)}, {Text: "DEFAULT 'member'", Pos: at(12, 17)}}},
					},
					PrimaryKey: []string{"team_id", "user_id"},
					Uniques:    [][]string{{"team_id", "user_id"}},
				},
			},
			Indexes: []specdoc.Index{
				{Name: "ix_member_role", Table: "memberships", Columns: []string{"role"}, Unique: false, Where: "", Pos: at(6, 9)},
			},
		},
	},
	{
		name: "DTOs and non-table classes give nothing",
		src: `class TaskCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)

class TaskRead(SQLModel):
    id: int
    title: str

tasks = session.exec(select(Task)).all()
`,
		want: Result{},
	},
	{
		name: "sloppy",
		src: `class Note(SQLModel, table=True):
    # ... other fields ...
    id: int | None = Field(default=None, primary_key=True)
    body:
    title = "no annotation, not a field"
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON)
    label: str = 'unterminated

class Empty(SQLModel, table=True):
    # fields elided
    owner: "User" = Relationship()
`,
		diags: []string{"schema.md:14:5: warning: skipped field body of class Note: it has no type annotation"},
		want: Result{
			Tables: []*specdoc.Table{
				{Name: "note", Pos: at(1, 7), Source: "sqlmodel",
					Columns: []*specdoc.Column{
						{Name: "id", Pos: at(3, 5), Type: "int", TypePos: at(3, 9), Constraints: []specdoc.Phrase{{Text: "PRIMARY KEY", Pos: at(3, 42)}}},
						{Name: "tags", Pos: at(6, 5), Type: "list[str]", TypePos: at(6, 11), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(6, 11)}, {Text: "DEFAULT '[]'", Pos: at(6, 29)}}},
						{Name: "label", Pos: at(7, 5), Type: "str", TypePos: at(7, 12), Constraints: []specdoc.Phrase{{Text: "NOT NULL", Pos: at(7, 12)}, {Text: "DEFAULT 'unterminated'", Pos: at(7, 18)}}},
					},
				},
			},
		},
	},
}
