// Stylesheets are imported for esbuild, which bundles them into app-<hash>.css.
declare module '*.css';
