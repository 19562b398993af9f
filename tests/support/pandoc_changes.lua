-- A pandoc Lua filter that prints the tracked changes pandoc reads from a
-- DOCX (`pandoc --track-changes=all`), one line per change:
--
--     insertion <TAB> author
--     deletion <TAB> author
--     comment <TAB> author <TAB> text     (one per comment-start span)
--
-- A change is a maximal sequence of insertion (or deletion) spans by one
-- author: (most) spaces, paragraph breaks, comment marks and other authors' spans
-- between them do not end it; the same author's change of the other kind
-- and any other text do. Each footnote is counted
-- on its own. Used by tests/docx/docx_tools.rs (on DOCX) and
-- tests/cli/example_figures.rs (on our `--to pandoc` export).

local open = {}

local function is_change(el)
  return el.t == "Span" and (el.classes:includes("insertion") or el.classes:includes("deletion"))
end

local function transparent_span(el)
  return el.t == "Span"
    and (el.classes:includes("comment-start") or el.classes:includes("comment-end")
      or el.classes:includes("paragraph-insertion") or el.classes:includes("paragraph-deletion"))
end

local blocks

local function key_of(el)
  if el == nil or not is_change(el) then
    return nil
  end
  local kind = el.classes:includes("insertion") and "insertion" or "deletion"
  return kind .. "\t" .. (el.attributes["author"] or "")
end

local function inlines(list)
  for i, el in ipairs(list) do
    if is_change(el) then
      local kind = el.classes:includes("insertion") and "insertion" or "deletion"
      local author = el.attributes["author"] or ""
      local key = kind .. "\t" .. author
      -- The same author's change of the other kind ends this kind's.
      local other = (kind == "insertion" and "deletion" or "insertion") .. "\t" .. author
      open[other] = nil
      if not open[key] then
        print(key)
        open[key] = true
      end
      -- Another author's change nested inside this one.
      for _, inner in ipairs(el.content) do
        if is_change(inner) then
          inlines({ inner })
        end
      end
    elseif transparent_span(el) then
      -- A mark, not text: it neither ends nor starts a change.
      if el.classes:includes("comment-start") then
        local text = pandoc.utils.stringify(el.content):gsub("[\t\n]", " ")
        print("comment\t" .. (el.attributes["author"] or "") .. "\t" .. text)
      end
    elseif el.t == "Space" or el.t == "SoftBreak" or el.t == "LineBreak" then
      -- pandoc moves the white space at the ends of a change out of its
      -- span, so white space does not end a change, except a space
      -- standing directly between two changes of one author and kind:
      -- that is a plain space between two changes (one change is never
      -- split at white space alone).
      -- Comment marks next to the space do not count (our pandoc export
      -- puts a change's comments right after it).
      local before, after = i - 1, i + 1
      while list[before] ~= nil and transparent_span(list[before]) do
        before = before - 1
      end
      while list[after] ~= nil and transparent_span(list[after]) do
        after = after + 1
      end
      local k = key_of(list[before])
      if k ~= nil and k == key_of(list[after]) then
        open[k] = nil
      end
    elseif el.t == "Note" then
      local saved = open
      open = {}
      blocks(el.content)
      open = saved
    elseif el.content ~= nil and type(el.content) ~= "string" then
      inlines(el.content)
    else
      open = {}
    end
  end
end

blocks = function(list)
  for _, b in ipairs(list) do
    if b.t == "Para" or b.t == "Plain" or b.t == "Header" then
      inlines(b.content)
    elseif b.t == "Table" then
      local function rows(rs)
        for _, row in ipairs(rs) do
          for _, cell in ipairs(row.cells) do
            blocks(cell.contents)
          end
        end
      end
      rows(b.head.rows)
      for _, body in ipairs(b.bodies) do
        rows(body.head)
        rows(body.body)
      end
      rows(b.foot.rows)
    elseif b.content ~= nil then
      -- Div, BlockQuote, lists: their blocks (lists hold lists of blocks).
      for _, item in ipairs(b.content) do
        if item.t ~= nil then
          blocks({ item })
        else
          blocks(item)
        end
      end
    end
  end
end

function Pandoc(doc)
  blocks(doc.blocks)
  return doc
end
