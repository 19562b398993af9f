-- A pandoc Lua filter that prints the list items pandoc reads, one line
-- per item, in document order:
--
--     depth <TAB> style <TAB> delimiter <TAB> number <TAB> text
--
-- depth 1 for a list at the top (inside divs and quotes alike), style
-- and delimiter pandoc's (`LowerAlpha`, `OneParen`; `Bullet` and `-` for
-- a bullet list), number the item's (its list's start plus its place),
-- text the item's first block as plain text. Used by tests/source/lists.rs on our
-- `--to pandoc` export.

local out = {}

local function walk(blocks, depth)
  for _, b in ipairs(blocks) do
    if b.t == "OrderedList" then
      local a = b.listAttributes
      for i, item in ipairs(b.content) do
        table.insert(out, string.format("%d\t%s\t%s\t%d\t%s", depth, a.style, a.delimiter,
          a.start + i - 1, pandoc.utils.stringify(item[1])))
        walk(item, depth + 1)
      end
    elseif b.t == "BulletList" then
      for _, item in ipairs(b.content) do
        table.insert(out, string.format("%d\tBullet\t-\t0\t%s", depth, pandoc.utils.stringify(item[1])))
        walk(item, depth + 1)
      end
    elseif b.t == "Div" or b.t == "BlockQuote" then
      walk(b.content, depth)
    end
  end
end

function Pandoc(doc)
  walk(doc.blocks, 1)
  io.stdout:write(table.concat(out, "\n") .. "\n")
  return doc
end
