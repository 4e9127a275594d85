// Praxis search page, progressively enhanced. Without this file the page is a plain GET form
// and every state is a link. With it:
//  - results, counts and facets update as the user types (debounced) or ticks a box: the
//    server renders the same search as an HTML fragment (/fragments/search), swapped in place;
//  - the address bar follows (history.pushState) and the back button restores each state;
//  - long facet lists get a filter box; on narrow screens the filters fold behind a button.
// No framework, no third-party code, no inline script (the Content-Security-Policy forbids it).
(function () {
  'use strict';

  document.documentElement.classList.add('js');
  var form = document.getElementById('search-form');
  if (!form || !window.fetch || !window.URLSearchParams || !window.DOMParser ||
      !window.history || !window.history.pushState) {
    return;
  }

  var facets = document.getElementById('facets');
  var resultsBody = document.getElementById('results-body');
  var resultsSection = resultsBody.closest('.results');
  var count = document.getElementById('result-count');
  var busy = document.getElementById('result-busy');
  var heading = document.getElementById('results-heading');
  var queryInput = document.getElementById('q');
  var fragmentPath = form.getAttribute('data-fragment');
  var messages = {
    error: form.getAttribute('data-msg-error'),
    noMatch: form.getAttribute('data-msg-no-match'),
    filters: form.getAttribute('data-msg-filters')
  };

  var current = location.search.replace(/^\?/, '');
  var controller = null;
  var timer = null;
  var typingEntry = false;  // the current history entry was made by typing: replace it

  function formQuery() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && value.trim() !== '') params.append(name, value);
    });
    return params.toString();
  }

  function setBusy(on) {
    busy.hidden = !on;
    resultsSection.classList.toggle('busy', on);
  }

  // Keeps what the user set up in the sidebar across a swap: open groups, filter boxes, focus.
  function sidebarState() {
    var state = { open: {}, filters: {} };
    facets.querySelectorAll('details[id]').forEach(function (d) { state.open[d.id] = d.open; });
    facets.querySelectorAll('.facet-filter-input').forEach(function (i) { state.filters[i.id] = i.value; });
    return state;
  }

  function restoreSidebar(state) {
    facets.querySelectorAll('details[id]').forEach(function (d) {
      if (d.id in state.open && !d.querySelector('input:checked')) d.open = state.open[d.id];
    });
    setUpFilters();
    facets.querySelectorAll('.facet-filter-input').forEach(function (i) {
      if (state.filters[i.id]) {
        i.value = state.filters[i.id];
        filterList(i);
      }
    });
  }

  // A selector that finds the focused control again in the new markup.
  function focusKey(element) {
    if (element.id) return '#' + CSS.escape(element.id);
    if (element.name && element.type === 'checkbox') {
      return 'input[name="' + CSS.escape(element.name) + '"][value="' + CSS.escape(element.value) + '"]';
    }
    return null;
  }

  function moveChildren(from, to) {
    while (to.firstChild) to.removeChild(to.firstChild);
    while (from.firstChild) to.appendChild(from.firstChild);
  }

  function apply(html, query, options) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var fragment = doc.getElementById('fragment');
    if (!fragment) {
      location.href = '/' + (query ? '?' + query : '');
      return;
    }
    var active = document.activeElement;
    var lostFocus = active && (facets.contains(active) || resultsBody.contains(active));
    var refocus = lostFocus ? focusKey(active) : null;
    var state = sidebarState();
    moveChildren(doc.getElementById('fragment-facets'), facets);
    moveChildren(doc.getElementById('fragment-results'), resultsBody);
    restoreSidebar(state);
    count.textContent = fragment.getAttribute('data-count');
    document.title = fragment.getAttribute('data-title');
    current = query;
    var url = '/' + (query ? '?' + query : '');
    if (options.push) history.pushState({ praxis: true }, '', url);
    else if (options.replace) history.replaceState({ praxis: true }, '', url);
    updateToggle();
    var again = refocus && form.querySelector(refocus);
    if (again) {
      again.focus();
    } else if (lostFocus || options.toResults) {
      heading.focus({ preventScroll: true });
    }
    if (options.toResults && resultsSection.getBoundingClientRect().top < 0) {
      resultsSection.scrollIntoView({ block: 'start' });
    }
  }

  function load(query, options) {
    if (controller) controller.abort();
    controller = new AbortController();
    setBusy(true);
    fetch(fragmentPath + (query ? '?' + query : ''), {
      signal: controller.signal,
      credentials: 'same-origin',
      headers: { 'Accept': 'text/html' }
    }).then(function (response) {
      if (!response.ok) {
        // The server's own page explains a bad address: show it.
        location.href = '/' + (query ? '?' + query : '');
        return null;
      }
      return response.text();
    }).then(function (html) {
      setBusy(false);
      if (html !== null) apply(html, query, options);
    }).catch(function (error) {
      if (error && error.name === 'AbortError') return;
      setBusy(false);
      count.textContent = messages.error;
    });
  }

  function go(typing) {
    clearTimeout(timer);
    var query = formQuery();
    if (query === current) return;
    var replace = typing && typingEntry;
    typingEntry = typing;
    load(query, { push: !replace, replace: replace });
  }

  function schedule(delay, typing) {
    clearTimeout(timer);
    timer = setTimeout(function () { go(typing); }, delay);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    go(false);
  });

  form.addEventListener('input', function (event) {
    var target = event.target;
    if (target.classList.contains('facet-filter-input')) {
      filterList(target);
    } else if (target === queryInput) {
      schedule(350, true);
    } else if (target.type === 'number') {
      schedule(700, false);
    }
  });

  form.addEventListener('change', function (event) {
    var target = event.target;
    if (target.type === 'checkbox' || target.tagName === 'SELECT') go(false);
  });

  // Chips, pagination, "did you mean" and the empty state's links load in place.
  form.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[href]') : null;
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    if (link.getAttribute('href').charAt(0) === '#') return;
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== '/') return;
    event.preventDefault();
    var query = url.search.replace(/^\?/, '');
    queryInput.value = new URLSearchParams(query).get('q') || '';
    typingEntry = false;
    load(query, { push: true, toResults: true });
  });

  window.addEventListener('popstate', function () {
    var query = location.search.replace(/^\?/, '');
    if (query === current) return;  // a move between #anchors of the same state
    queryInput.value = new URLSearchParams(query).get('q') || '';
    typingEntry = false;
    load(query, {});
  });

  // Filter boxes for long facet lists.
  function normalise(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function filterList(input) {
    var fieldset = input.closest('fieldset');
    var term = normalise(input.value.trim());
    var shown = 0;
    fieldset.querySelectorAll('.facet-values li').forEach(function (item) {
      var label = item.querySelector('label > span');
      var match = !term || normalise(label.textContent).indexOf(term) !== -1;
      item.hidden = !match;
      if (match) shown += 1;
    });
    var more = fieldset.querySelector('.facet-more');
    if (more) {
      if (term && !more.hasAttribute('data-was-open')) {
        more.setAttribute('data-was-open', more.open ? '1' : '0');
      }
      if (term) {
        more.open = true;
      } else if (more.hasAttribute('data-was-open')) {
        more.open = more.getAttribute('data-was-open') === '1';
        more.removeAttribute('data-was-open');
      }
      more.querySelector('summary').hidden = !!term;
    }
    var empty = fieldset.querySelector('.facet-empty');
    if (!empty) {
      empty = document.createElement('p');
      empty.className = 'facet-empty';
      empty.textContent = messages.noMatch;
      fieldset.appendChild(empty);
    }
    empty.hidden = shown > 0;
  }

  function setUpFilters() {
    facets.querySelectorAll('.facet-filter').forEach(function (box) { box.hidden = false; });
  }

  // On narrow screens the filters fold behind a button that shows how many are active.
  var filters = document.getElementById('filters');
  var toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'button secondary small filters-toggle';
  toggle.setAttribute('aria-controls', 'filters-body');
  filters.querySelector('.filters-head').appendChild(toggle);

  function updateToggle() {
    var active = facets.querySelectorAll('input[type=checkbox]:checked').length;
    facets.querySelectorAll('input[type=number]').forEach(function (i) { if (i.value) active += 1; });
    toggle.textContent = messages.filters + (active ? ' (' + active + ')' : '');
  }

  function setCollapsed(collapsed) {
    filters.classList.toggle('collapsed', collapsed);
    toggle.setAttribute('aria-expanded', collapsed ? 'false' : 'true');
  }

  toggle.addEventListener('click', function () {
    setCollapsed(!filters.classList.contains('collapsed'));
  });
  setCollapsed(window.matchMedia('(max-width: 56rem)').matches);
  updateToggle();
  setUpFilters();
  history.replaceState({ praxis: true }, '', location.href);
})();
