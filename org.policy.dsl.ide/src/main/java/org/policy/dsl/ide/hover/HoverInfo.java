package org.policy.dsl.ide.hover;

/**
 * What hovering at an offset shows: the text region it is about, a one-line signature (policy syntax)
 * and the documentation (Markdown, possibly empty). Front ends render it their way: the language server
 * as Markdown, the Eclipse editor as plain text.
 */
public record HoverInfo(int offset, int length, String signature, String documentation) {

	public String toMarkdown() {
		String code = "```policy\n" + signature + "\n```";
		return documentation.isEmpty() ? code : code + "\n\n" + documentation;
	}

	public String toPlainText() {
		String doc = documentation.replace("**", "").replace("`", "").replace("*", "");
		return doc.isEmpty() ? signature : signature + "\n\n" + doc;
	}
}
