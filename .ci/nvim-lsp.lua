-- Drives `rbaclint lsp` from headless Neovim, as a user's editor would:
-- open an export, wait for the diagnostics, check their codes and places
-- against `rbaclint --format json` on the same file, apply the quick fix
-- for the supervisor levels and check the buffer. Run by .ci/run:
--   RBACLINT=bin EXPECTED=file.json FILE=export nvim --headless -u NONE -c 'luafile .ci/nvim-lsp.lua'
-- Written for Neovim 0.7 (Debian's) and later: start_client and
-- buf_attach_client exist in every version since.
local function fail(msg)
  io.stderr:write('nvim-lsp: FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local bin, file, expected_path = os.getenv('RBACLINT'), os.getenv('FILE'), os.getenv('EXPECTED')
  local expected = vim.json.decode(table.concat(vim.fn.readfile(expected_path), '\n')).findings

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local client_id = vim.lsp.start_client({
    name = 'rbaclint',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  if not client_id then return fail('the server did not start') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function diagnostics()
    return vim.diagnostic.get(bufnr)
  end
  if not vim.wait(15000, function() return #diagnostics() >= #expected end, 50) then
    return fail(string.format('got %d diagnostics, want %d', #diagnostics(), #expected))
  end

  -- The same findings at the same places as the command line.
  local got = {}
  for _, d in ipairs(diagnostics()) do
    if d.source ~= 'rbaclint' then return fail('diagnostic source ' .. tostring(d.source)) end
    table.insert(got, string.format('%d:%d %s', d.lnum + 1, d.col + 1, d.code))
  end
  local want = {}
  for _, f in ipairs(expected) do
    table.insert(want, string.format('%d:%d %s', f.line, f.column, f.rule))
  end
  table.sort(got)
  table.sort(want)
  if table.concat(got, '\n') ~= table.concat(want, '\n') then
    return fail('diagnostics differ from rbaclint:\n got:\n' .. table.concat(got, '\n') .. '\n want:\n' .. table.concat(want, '\n'))
  end
  io.stdout:write('nvim-lsp: diagnostics match rbaclint:\n  ' .. table.concat(got, '\n  ') .. '\n')

  -- The quick fix for the supervisor levels removes exactly the lower level.
  local target
  for _, d in ipairs(diagnostics()) do
    if d.code == 'tenant/supervisor-levels-exclusive' then target = d end
  end
  if not target then return fail('no supervisor-levels diagnostic') end
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = target.lnum, character = target.col },
      ['end'] = { line = target.end_lnum, character = target.end_col },
    },
    context = { diagnostics = { target.user_data and target.user_data.lsp or {} } },
  }
  local resp = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
  if not resp or resp.err then return fail('codeAction: ' .. vim.inspect(resp)) end
  local action
  for _, a in ipairs(resp.result or {}) do
    if a.kind == 'quickfix' and a.title:find('lower level', 1, true) then action = a end
  end
  if not action then return fail('no quick fix among ' .. vim.inspect(resp.result)) end
  io.stdout:write('nvim-lsp: applying "' .. action.title .. '"\n')
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')

  local after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local line = target.lnum + 1
  local lower = vim.fn.matchstr(target.message, 'remove \\zs\\S\\+\\ze$')
  local want_line = before[line]:gsub('"' .. vim.pesc(lower) .. '", ', '', 1)
  if #after ~= #before then return fail('the fix changed the number of lines') end
  for i = 1, #before do
    local w = (i == line) and want_line or before[i]
    if after[i] ~= w then
      return fail(string.format('line %d after the fix:\n%s\nwant:\n%s', i, after[i], w))
    end
  end
  if want_line == before[line] then return fail('the expected line did not change: ' .. lower) end
  io.stdout:write('nvim-lsp: the quick fix removed exactly ' .. lower .. '\n')

  -- The server re-lints the edited buffer: that finding is gone.
  if not vim.wait(15000, function()
    for _, d in ipairs(diagnostics()) do
      if d.code == 'tenant/supervisor-levels-exclusive' then return false end
    end
    return true
  end, 50) then
    return fail('the supervisor-levels diagnostic is still there after the fix')
  end
  io.stdout:write('nvim-lsp: after the fix the server reports ' .. #diagnostics() .. ' diagnostics\n')
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
end)
if not ok then fail(tostring(err)) end
vim.cmd('qall!')
