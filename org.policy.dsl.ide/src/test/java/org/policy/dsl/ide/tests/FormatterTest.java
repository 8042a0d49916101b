package org.policy.dsl.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.policy.dsl.ide.tests.Policies.FIFO;
import static org.policy.dsl.ide.tests.Services.SERVICES;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FormatterTest {

	@Test
	void aPolicyInTheStandardLayoutIsLeftAsItIs() {
		assertEquals(FIFO, SERVICES.formatted(FIFO));
	}

	@Test
	void aPolicyAtTheNestingLimitFormatsOnAnOrdinaryStack() throws Exception {
		// 196 terms: the deepest chain the nesting limit lets through at this place
		String deep = FIFO.replace("t.started = now;", "t.started = now" + " + 1".repeat(196) + ";");
		String[] formatted = new String[1];
		Throwable[] failure = new Throwable[1];
		Thread worker = new Thread(null, () -> {
			try {
				formatted[0] = SERVICES.formatted(deep);
			} catch (Throwable t) {
				failure[0] = t;
			}
		}, "lsp-like", 1024 * 1024); // the JVM's default stack, as the language server's threads have
		worker.start();
		worker.join();
		assertEquals(null, failure[0]);
		assertEquals(deep, formatted[0]);
	}

	@Test
	void aCrampedPolicyGetsTheStandardLayout() {
		String cramped = """
				// A global-order FIFO per core.
				policy fifo{
				  // How long a thread runs before it is preempted.
				  param time slice=4ms in[ 1ms ,100ms ] ;


				  thread{time started=0; // when it last got a core
				  }

				  core { queue ready ordered by fifo ; }

				  core states{active,idle}

				  on new ( t ) { t=>self . ready; }
				  on tick(t){ if(now-t.started>slice){t=>self.ready;} }
				  on yield(t) { t => self.ready; }
				  on block(t) { t => blocked; }
				  on unblock(t) { t => self.ready; }
				  on terminate(t) { t => terminated; }
				  on schedule { if ( ! empty ( self.ready ) ) { var t=first(self.ready); t.started=now; t=>self.current; } }
				  on enter_idle { self=>idle; }
				}""";
		assertEquals(FIFO, SERVICES.formatted(cramped));
	}

	@Test
	void expressionsGetOneSpaceAroundOperatorsAndNoneInsideCalls() {
		String text = "policy p { function int f(int a,int b)=-a+abs( (b*2) )-size(cores)%3; }";
		assertEquals("policy p {\n\tfunction int f(int a, int b) = -a + abs((b * 2)) - size(cores) % 3;\n}\n",
				SERVICES.formatted(text));
	}

	@Test
	void conditionalsAndTypedLocalsGetOneSpaceAroundEachToken() {
		String text = "policy p { function int f(int a,int b)=a>b?a:b<0?-b:b; on tick(t) { var  core c=none; } }";
		assertEquals("policy p {\n\tfunction int f(int a, int b) = a > b ? a : b < 0 ? -b : b;\n\ton tick(t) {\n"
				+ "\t\tvar core c = none;\n\t}\n}\n", SERVICES.formatted(text));
	}

	@Test
	void theStealsOnMoveBlockIsIndentedLikeAHandler() {
		String text = """
				policy p { on balance every 4ms { filter c : true; select max by runnable(c);
				migrate t from c.ready; stop : false; on move { t.v=c.v; } } }""";
		assertEquals("""
				policy p {
					on balance every 4ms {
						filter c: true;
						select max by runnable(c);
						migrate t from c.ready;
						stop: false;
						on move {
							t.v = c.v;
						}
					}
				}
				""", SERVICES.formatted(text));
	}

	@Test
	void theStealKeepsOneClausePerLine() {
		String text = """
				policy p { topology {smt,llc}
				on balance every 4ms on enter_idle per level { filter c : runnable(c)>=2; select max by runnable(c);
				migrate t from c.ready ordered by lowest t.v where t.v>0; stop : runnable(self)>=1; } }""";
		assertEquals("""
				policy p {
					topology { smt, llc }
					on balance every 4ms on enter_idle per level {
						filter c: runnable(c) >= 2;
						select max by runnable(c);
						migrate t from c.ready ordered by lowest t.v where t.v > 0;
						stop: runnable(self) >= 1;
					}
				}
				""", SERVICES.formatted(text));
	}

	@Test
	void ifElseChainsStayOnTheClosingBraceLine() {
		String text = "policy p { on schedule { if (true) { } else if (false) { } else { } } }";
		assertEquals("policy p {\n\ton schedule {\n\t\tif (true) {\n\t\t} else if (false) {\n\t\t} else {\n\t\t}\n\t}\n}\n",
				SERVICES.formatted(text));
	}

	@Test
	void aTextWithSyntaxErrorsIsLeftAlone() {
		String broken = "policy p {   on schedule {{ }";
		assertEquals(broken, SERVICES.formatted(broken));
	}

	static List<Path> library() {
		return Policies.libraryPolicies();
	}

	@ParameterizedTest
	@MethodSource("library")
	void formattingTheLibraryKeepsEveryTokenAndCommentAndIsStable(Path file) {
		String original = Policies.read(file);
		String once = SERVICES.formatted(original);
		assertEquals(tokens(original), tokens(once), "formatting changes only whitespace");
		assertEquals(once, SERVICES.formatted(once), "formatting a formatted policy changes nothing");
	}

	/** The non-whitespace leaves (tokens and comments), stripped. */
	static List<String> tokens(String text) {
		XtextResource resource = SERVICES.parse("memory:/t.policy", text);
		List<String> tokens = new ArrayList<>();
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			if (!leaf.getText().isBlank()) {
				tokens.add(leaf.getText().strip());
			}
		}
		return tokens;
	}
}
