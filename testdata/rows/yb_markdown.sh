# A Markdown book (like seed 003): CIP front matter skipped up to 序言, the
# 目录 rows skipped, and numbered headings whose Markdown levels disagree
# ("## 二、" after "### 一、", "### 三、" after "## 二、") kept as siblings.
ipm-extract | ipm-rows --doc md
