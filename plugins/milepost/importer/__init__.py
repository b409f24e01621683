"""`milepost import`: an execution-plan spreadsheet becomes roadmap documents.

`table` reads the file into named cells, `columns` finds the header, the
cell readers (`amounts`, `when`, `texts`) read each cell as a person would,
`plan` maps rows to documents and `write` checks them with core's validation
and writes them. Imports core only.
"""
