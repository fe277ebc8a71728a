package blocks

import "github.com/crudgen/crudgen/internal/diag"

// SQLModel parses a Python block of SQLModel classes. Not implemented yet.
func SQLModel(src string, start diag.Pos) (Result, diag.List) { return Result{}, nil }

// Mermaid parses a Mermaid erDiagram block. Not implemented yet.
func Mermaid(src string, start diag.Pos) (Result, diag.List) { return Result{}, nil }

// Prisma parses a Prisma schema block. Not implemented yet.
func Prisma(src string, start diag.Pos) (Result, diag.List) { return Result{}, nil }
