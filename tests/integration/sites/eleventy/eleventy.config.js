import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import markdownIt from "markdown-it";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(syntaxHighlight);
  // images live beside the posts and are copied through as they are
  eleventyConfig.addPassthroughCopy("posts/**/*.png");
  eleventyConfig.setFrontMatterParsingOptions({
    excerpt: true,
    excerpt_separator: "<!-- more -->",
  });
  // drafts stay out of the build
  eleventyConfig.addPreprocessor("drafts", "md", (data) => {
    if (data.draft) return false;
  });
  const markdown = markdownIt({ html: true });
  eleventyConfig.addFilter("markdown", (text) => markdown.render(text || ""));
  eleventyConfig.addFilter("isoDate", (date) => new Date(date).toISOString().slice(0, 10));
  eleventyConfig.ignores.add("node_modules/**");
}
