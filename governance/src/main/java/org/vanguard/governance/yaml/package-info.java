/**
 * Reading governance files (participants, agreements) that IG officers author and review as YAML under
 * version control. Every error names the file and line, because the person fixing it works in that file.
 */
@NullMarked
package org.vanguard.governance.yaml;

import org.jspecify.annotations.NullMarked;
