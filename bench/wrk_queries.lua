-- wrk script: cycles through the benchmark's query paths (one per line in $QUERIES).
-- With PAGES=1 the same searches are asked of the HTML search page (/?...) instead of the API.
local queries = {}
local pages = os.getenv("PAGES") == "1"
for line in io.lines(os.getenv("QUERIES")) do
  if pages then line = line:gsub("^/api/v1/search%?", "/?") end
  queries[#queries + 1] = line
end
local i = 0
request = function()
  i = i % #queries + 1
  return wrk.format("GET", queries[i])
end
