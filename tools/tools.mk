# tools/tools.mk - tests of tools/faultstat on the sample runs in tests/tools/samples and on generated traces.
#
#   make tools-test    run tests/tools/test_faultstat.py: one line per test
#                      ("faultstat_<name>: ok" / "FAIL <why>" / "skipped:
#                      <reason>"), then "N passed, N failed"; writes
#                      $(BUILD)/tools-results ("passed=N failed=N") and
#                      exits non-zero if any test fails or the runner
#                      itself crashes (then the file says passed=0 failed=1)
#
# Needs Debian packages: python3 (standard library only; /usr/bin/python3,
# not whatever python3 is first on PATH), gnuplot-nox for the --plot test
# (skipped without it).

BUILD		?= build
TOOLS_PYTHON	?= /usr/bin/python3
TOOLS_RESULTS	:= $(BUILD)/tools-results

.PHONY: tools-test
tools-test:
	@mkdir -p $(BUILD)
	@rm -f $(TOOLS_RESULTS)
	@$(TOOLS_PYTHON) -B tests/tools/test_faultstat.py \
		--results $(TOOLS_RESULTS); status=$$?; \
	[ -s $(TOOLS_RESULTS) ] || echo "passed=0 failed=1" > $(TOOLS_RESULTS); \
	exit $$status
